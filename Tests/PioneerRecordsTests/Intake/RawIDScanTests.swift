import PioneerRules
import PioneerTestSupport
import Testing

@testable import PioneerRecords

/// The raw-byte id scan (`RawIDScan`) must find what the general scan (`TextStream` and
/// `CSVReader`) finds — the same candidates, the same encoding — or give up; and
/// `RepeatedIDScan.candidates` must answer as the general scan does whichever path it took.
@Suite struct RawIDScanTests {
  private static let idInput = TestSchema.schema.input(role: .id)

  /// A random applicant file and the ids its rows read as (trimmed, NFKC), one per row that
  /// has an id cell.
  private struct RandomFile {
    var bytes: [UInt8] = []
    var ids: [String] = []
    var delimiter: FieldDelimiter = .comma
  }

  /// Rows with every shape `CSVReader` reads: quoted cells holding delimiters, doubled
  /// quotes and line breaks; text after a closing quote; quotes inside unquoted cells;
  /// CRLF, LF and lone CR; blank lines; short rows; ids quoted, padded with ASCII or
  /// full-width spaces, full-width, in kanji, empty; a byte-order mark; a tab delimiter;
  /// the id column first or not. A tenth of the ids repeat.
  private static func randomFile(seed: UInt64) -> RandomFile {
    var random = SplitMix64(seed: seed)
    func chance(_ oneIn: UInt64) -> Bool { random.next() % oneIn == 0 }
    func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    var file = RandomFile()
    file.delimiter = chance(4) ? .tab : .comma
    let delimiter = file.delimiter == .tab ? "\t" : ","
    let idFirst = !chance(3)
    let lineEnds = chance(3) ? ["\r\n"] : chance(2) ? ["\n"] : ["\n", "\r\n", "\r"]
    var text = chance(5) ? "\u{FEFF}" : ""
    let header = idFirst ? ["応募ID", "企業・団体名", "総従業員数"] : ["企業・団体名", "応募ID", "総従業員数"]
    text += header.joined(separator: delimiter) + pick(lineEnds)
    var distinct: [String] = []
    let texts = ["テスト企業", "株式会社髙", "a\(delimiter)b", "x\"y", "改\n行", "改\r\n行", "", " ", "ｶﾅ"]
    for row in 0..<400 {
      var id: String
      if !distinct.isEmpty, chance(10) {
        id = pick(distinct)
      } else {
        id = pick(["R\(row)", "応募\(row)", "Ｒ\(row)", "R-\(row)-long-identifier", ""])
        if !id.isEmpty { distinct.append(id) }
      }
      var idCell = id
      switch random.next() % 8 {
      case 0: idCell = " \(id)\t"
      case 1: idCell = "\u{3000}\(id)\u{3000}"
      case 2: idCell = "\"\(id)\""
      case 3: idCell = "\"\(id)\"\"q\"\"\""  // a doubled quote inside
      case 4: idCell = "\"\(id)\"tail"  // text after the closing quote
      default: break
      }
      func cell() -> String {
        let value = pick(texts)
        let needsQuotes =
          value.contains(delimiter) || value.contains("\n") || value.contains("\r")
        if needsQuotes || chance(4) {
          return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
      }
      var cells = idFirst ? [idCell, cell(), cell()] : [cell(), idCell, cell()]
      if chance(15) { cells = Array(cells.prefix(idFirst ? 1 : Int(random.next() % 2))) }
      if chance(20) { cells.append("") }
      let hasIDCell = cells.count > (idFirst ? 0 : 1)
      if hasIDCell {
        var read = "\(idCell)"
        switch read.first {
        case "\"": read = String(decoding: unquote(Array(read.utf8)), as: UTF8.self)
        default: break
        }
        file.ids.append(CellText.normalize(read))
      }
      text += cells.joined(separator: delimiter)
      if chance(30) { text += pick(lineEnds) }  // a blank line
      if row < 399 || !chance(2) { text += pick(lineEnds) }
    }
    file.bytes = Array(text.utf8)
    return file
  }

  /// `CSVReader`'s reading of one quoted cell: `""` is a quote, text after the closing
  /// quote is kept.
  private static func unquote(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    var index = 1
    while index < bytes.count {
      if bytes[index] == 0x22 {
        if index + 1 < bytes.count, bytes[index + 1] == 0x22 {
          out.append(0x22)
          index += 2
          continue
        }
        out += bytes[(index + 1)...]
        break
      }
      out.append(bytes[index])
      index += 1
    }
    return out
  }

  private func options(chunkSize: Int, delimiter: FieldDelimiter) -> ReaderOptions {
    var options = ReaderOptions(delimiter: delimiter, chunkSize: chunkSize)
    options.idScanMinimumBytes = 0
    return options
  }

  /// `byteCount` sizes the filter (one bit per 8 bytes, at least one 512-bit block).
  private func raw(
    _ bytes: [UInt8], options: ReaderOptions, chunkLimit: Int = .max, byteCount: Int? = nil
  ) -> (ids: IDIndex, encoding: EncodingDecision)? {
    guard let idInput = Self.idInput else { return nil }
    return RawIDScan.candidates(
      source: MemorySource(bytes, chunkLimit: chunkLimit), idInput: idInput,
      schema: TestSchema.schema, options: options, byteCount: byteCount ?? bytes.count)
  }

  private func general(_ bytes: [UInt8], options: ReaderOptions, byteCount: Int? = nil)
    -> (ids: IDIndex, encoding: EncodingDecision)?
  {
    guard let idInput = Self.idInput else { return nil }
    return RepeatedIDScan.generalCandidates(
      source: MemorySource(bytes), idInput: idInput, schema: TestSchema.schema,
      options: options, byteCount: byteCount ?? bytes.count)
  }

  private func names(_ index: IDIndex) -> [String] {
    index.idsInArrivalOrder.map { String(decoding: $0, as: UTF8.self) }
  }

  private func contains(_ index: IDIndex, _ id: String) -> Bool {
    var copy = id
    return copy.withUTF8 { index.contains($0) }
  }

  /// Read in pieces of 1 to 4096 bytes, so that records, quoted cells and characters
  /// straddle the pieces, the raw scan finds exactly the general scan's candidates (both
  /// insert the same ids in the same order into the same filter) and its encoding.
  @Test(arguments: 1...12 as ClosedRange<UInt64>)
  func theRawScanFindsTheGeneralScansCandidatesAndEncoding(seed: UInt64) throws {
    let file = Self.randomFile(seed: seed)
    var random = SplitMix64(seed: seed ^ 0xABCD)
    let reference = try #require(
      general(file.bytes, options: options(chunkSize: 1 << 16, delimiter: file.delimiter)))
    for chunkSize in [1, 2, 3, 5, 16, 17, 61, 256, 4096] {
      let chunkLimit = random.next() % 2 == 0 ? Int.max : Int(random.next() % 9) + 1
      let found = try #require(
        raw(
          file.bytes, options: options(chunkSize: chunkSize, delimiter: file.delimiter),
          chunkLimit: chunkLimit), "chunk \(chunkSize)")
      #expect(found.encoding == reference.encoding)
      for id in Set(file.ids) {
        #expect(contains(found.ids, id) == contains(reference.ids, id), "\(id) chunk \(chunkSize)")
      }
    }
  }

  /// The raw scan adds plain ids to the filter in groups (`RawIDScan.groupSize`), flushed
  /// early by a quoted id, a refill of the buffer and the end of the file. With a filter of
  /// one block, most of it set by 120 rows first, so that many answers are false
  /// positives that depend on every id added before, it must still find exactly the
  /// general scan's candidates, in its order: the same ids added in the same order, whatever the number of
  /// rows after those (the last group ending at every position, with a line break after the
  /// last row or without), wherever a quoted id falls among them (at every position of a
  /// group), and however the file is cut into pieces.
  @Test(arguments: [5, 64, 1 << 16])
  func groupedInsertsFindTheGeneralScansCandidatesWhereverAGroupEnds(chunkSize: Int) throws {
    let filler = 120
    var falsePositives = 0
    var others = 0
    let most = 3 * RawIDScan.groupSize + 1
    let shapes =
      (1...most).flatMap { rowCount in
        [true, false].map { (rowCount: rowCount, quotedRow: nil as Int?, lastBreak: $0) }
      } + (0..<most).map { (rowCount: most, quotedRow: $0 as Int?, lastBreak: true) }
    for (rowCount, quotedRow, lastBreak) in shapes {
      // Ids repeat within a group (row r repeats row r - 3) and across one; a quoted id
      // is read into `fieldText`, not where it lies.
      var text = "応募ID,企業・団体名\n"
      for row in 0..<filler { text += "F\(row),社\n" }
      var ids: [String] = []
      for row in 0..<rowCount {
        let id = row % 5 == 3 ? ids[row - 3] : "R\(row)"
        ids.append(id)
        text += (row == quotedRow ? "\"\(id)\"" : id) + ",社\(row)"
        if row < rowCount - 1 || lastBreak { text += "\n" }
      }
      let bytes = Array(text.utf8)
      let options = options(chunkSize: chunkSize, delimiter: .comma)
      let reference = try #require(general(bytes, options: options, byteCount: 0))
      let found = try #require(raw(bytes, options: options, byteCount: 0))
      // The same candidates, first found in the same order.
      #expect(
        names(found.ids) == names(reference.ids),
        "\(rowCount) rows, row \(quotedRow ?? -1) quoted, \(lastBreak), chunk \(chunkSize)")
      for id in Set(ids) where ids.count(where: { $0 == id }) == 1 {
        if contains(reference.ids, id) { falsePositives += 1 } else { others += 1 }
      }
    }
    // The filter is full enough for order to matter, and not too full to tell.
    #expect(
      falsePositives > 200 && others > 200, "\(falsePositives) false positives, \(others) not")
  }

  /// An id on two adjacent rows of one group, with a filter large enough for few false
  /// positives, is a candidate, and a lone id is not.
  @Test func anIdRepeatedWithinOneGroupIsACandidate() throws {
    var text = "応募ID,企業・団体名\n"
    for row in 0..<RawIDScan.groupSize {
      text += (row == 5 || row == 6 ? "D" : "R\(row)") + ",社\n"
    }
    let found = try #require(
      raw(
        Array(text.utf8), options: options(chunkSize: 1 << 16, delimiter: .comma),
        byteCount: 1 << 20))
    #expect(names(found.ids) == ["D"])
  }

  /// Whatever the file's shape, an id on two rows is a candidate.
  @Test(arguments: 1...12 as ClosedRange<UInt64>)
  func everyRepeatedIdIsACandidate(seed: UInt64) throws {
    let file = Self.randomFile(seed: seed)
    let found = try #require(
      raw(file.bytes, options: options(chunkSize: 7, delimiter: file.delimiter)))
    var seen: Set<String> = []
    var repeated: Set<String> = []
    for id in file.ids where !id.isEmpty {
      if !seen.insert(id).inserted { repeated.insert(id) }
    }
    #expect(!repeated.isEmpty)
    for id in repeated { #expect(contains(found.ids, id), "\(id)") }
  }

  /// Files the raw scan does not read: it gives up, and `RepeatedIDScan.candidates`
  /// answers as the general scan does (candidates, encoding, or giving up).
  @Test(arguments: [
    "not UTF-8", "cut last character", "emoji", "hangul", "utf-16 mark", "cp932 asked",
    "quote left open", "empty", "no id column", "blank first line",
  ])
  func anUnusualFileIsLeftToTheGeneralScan(variant: String) throws {
    let text = "応募ID,企業・団体名\nA1,一\nA2,二\nA1,三\n"
    var bytes = Array(text.utf8)
    var options = options(chunkSize: 5, delimiter: .comma)
    switch variant {
    case "not UTF-8": bytes.insert(0xB1, at: 30)
    case "cut last character": bytes += [0x41, 0x2C, 0xE3, 0x81]
    case "emoji": bytes += Array("A2,😀\n".utf8)
    case "hangul": bytes += Array("A2,한\n".utf8)
    case "utf-16 mark":
      bytes = [0xFF, 0xFE] + Array("応".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    case "cp932 asked": options.encoding = .cp932
    case "quote left open": bytes += Array("A3,\"四\n".utf8)
    case "empty": bytes = []
    case "no id column": bytes = Array("企業・団体名\n一\n".utf8)
    case "blank first line": bytes = [0x0A] + bytes
    default: break
    }
    #expect(raw(bytes, options: options) == nil)
    let expected = general(bytes, options: options)
    let found = RepeatedIDScan.candidates(
      source: MemorySource(bytes, chunkLimit: 3), schema: TestSchema.schema, options: options,
      byteCount: bytes.count)
    #expect(found?.encoding == expected?.encoding)
    #expect((found == nil) == (expected == nil))
    if let found, let expected {
      for id in ["A1", "A2"] { #expect(contains(found.ids, id) == contains(expected.ids, id)) }
    }
  }

  /// The UTF-8 check runs on another thread, a piece behind the records' reading: a byte
  /// that is not UTF-8 still gives the scan up wherever it lies — in the first piece read,
  /// in one the records have already been read past, or in the last.
  @Test(arguments: [3, 16, 64, 1 << 16])
  func aByteThatIsNotUTF8AnywhereGivesTheScanUp(chunkSize: Int) throws {
    let valid = Array("応募ID,企業・団体名\nA1,一\nA2,二\nA1,三\nA3,四五六七八九\n".utf8)
    let options = options(chunkSize: chunkSize, delimiter: .comma)
    #expect(raw(valid, options: options) != nil)
    for position in valid.indices {
      var bytes = valid
      bytes[position] = 0xFF
      #expect(raw(bytes, options: options) == nil, "0xFF at \(position)")
    }
  }

  /// A UTF-8 byte-order mark, or UTF-8 asked for, gives the general scan's decision.
  @Test(arguments: [false, true])
  func aMarkOrARequestIsTheDecisionsReason(requested: Bool) throws {
    let bytes = [0xEF, 0xBB, 0xBF] + Array("応募ID,企業・団体名\r\nA1,一\r\nA1,二\r\n".utf8)
    var options = options(chunkSize: 4, delimiter: .comma)
    if requested { options.encoding = .utf8 }
    let found = try #require(raw(bytes, options: options))
    #expect(found.encoding == general(bytes, options: options)?.encoding)
    #expect(found.encoding.reason == (requested ? .requested : .byteOrderMark))
    #expect(contains(found.ids, "A1"))
  }

  /// Ids taken as they lie must be ids `CellText` leaves as they are.
  @Test func plainASCIIIdsAreThoseCellTextLeavesAsTheyAre() {
    let cells = ["R1", "A-001", "a b", " R1", "R1\t", "Ｒ1", "応募", "", " "]
    let plain = cells.map { cell in
      var copy = cell
      return copy.withUTF8 { RawIDScan.isPlainASCII($0) }
    }
    #expect(plain == [true, true, true, false, false, false, false, false, false])
    for (cell, isPlain) in zip(cells, plain) where isPlain {
      #expect(CellText.normalize(cell) == cell)
    }
  }
}
