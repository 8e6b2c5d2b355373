import PioneerTestSupport
import Testing

@testable import PioneerRecords

/// The reader's word-at-a-time scans and its run of unquoted fields, against a plain
/// byte-at-a-time reading of the same rules, with special bytes at every offset of a word.
@Suite struct CSVFastPathTests {
  /// The records of `bytes` read one byte at a time by the rules `CSVReader` documents, or
  /// the position of a quote left open.
  static func referenceRecords(
    _ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")
  ) -> Result<[ReadRecord], FileProblem> {
    let quote = UInt8(ascii: "\"")
    let lineFeed = UInt8(ascii: "\n")
    let carriageReturn = UInt8(ascii: "\r")
    var records: [ReadRecord] = []
    var fields: [[UInt8]] = []
    var field: [UInt8] = []
    var index = 0
    var line = 1
    var inRecord = false
    var recordLine = 0
    var recordOffset = 0
    func endField() {
      fields.append(field)
      field = []
    }
    func endRecord() {
      endField()
      records.append(
        ReadRecord(
          line: recordLine, byteOffset: recordOffset,
          fields: fields.map { String(decoding: $0, as: UTF8.self) }))
      fields = []
      inRecord = false
    }
    // A line break at `index`: its length (CRLF is one break).
    func lineBreak(at index: Int) -> Int {
      if bytes[index] == carriageReturn, index + 1 < bytes.count, bytes[index + 1] == lineFeed {
        return 2
      }
      return 1
    }
    var atFieldStart = true
    while index < bytes.count {
      if !inRecord {
        inRecord = true
        recordLine = line
        recordOffset = index
        atFieldStart = true
      }
      let byte = bytes[index]
      if atFieldStart, byte == quote {
        let openLine = line
        let openColumn = fields.count + 1
        index += 1
        var closed = false
        while index < bytes.count {
          let inner = bytes[index]
          if inner == quote {
            if index + 1 < bytes.count, bytes[index + 1] == quote {
              field.append(quote)
              index += 2
              continue
            }
            index += 1
            closed = true
            break
          }
          if inner == lineFeed || inner == carriageReturn {
            let length = lineBreak(at: index)
            field += bytes[index..<index + length]
            index += length
            line += 1
            continue
          }
          field.append(inner)
          index += 1
        }
        if !closed { return .failure(.unterminatedQuote(line: openLine, column: openColumn)) }
        atFieldStart = false
        continue
      }
      atFieldStart = false
      if byte == delimiter {
        endField()
        atFieldStart = true
        index += 1
      } else if byte == lineFeed || byte == carriageReturn {
        index += lineBreak(at: index)
        line += 1
        endRecord()
      } else {
        field.append(byte)
        index += 1
      }
    }
    if inRecord { endRecord() }
    return .success(records)
  }

  private func read(
    _ bytes: [UInt8], chunkSize: Int, delimiter: FieldDelimiter = .comma
  ) -> Result<[ReadRecord], FileProblem> {
    do {
      return .success(
        try csvRecords(
          bytes, chunkLimit: chunkSize, chunkSize: chunkSize, encoding: .utf8,
          delimiter: delimiter))
    } catch let problem as FileProblem {
      return .failure(problem)
    } catch {
      return .failure(.emptyFile)
    }
  }

  @Test func specialBytesAtEveryOffsetOfAWordAreFoundExactly() {
    for special in [",", "\"", "\r", "\n", "\r\n", " ", "\t", "あ"] {
      for offset in 0..<17 {
        let prefix = String(repeating: "x", count: offset)
        for text in [
          "\(prefix)\(special)yyyyyyyyy,z\n", "a,\(prefix)\(special)b\nc",
          "\"\(prefix)\(special)\",\(prefix)\n", "\"q\"\(prefix)\(special)r,s",
        ] {
          let bytes = Array(text.utf8)
          let expected = Self.referenceRecords(bytes)
          for chunkSize in [1, 3, 8, 1024] {
            #expect(read(bytes, chunkSize: chunkSize) == expected, "\(text.debugDescription)")
          }
        }
      }
    }
  }

  @Test func agreesWithTheReferenceOnRandomText() {
    var random = SplitMix64(seed: 0xC5F_0001)
    let pieces = ["a", "bcdefghij", ",", ",", "\"", "\"\"", "\n", "\r", "\r\n", " ", "テスト", "1"]
    for round in 0..<600 {
      let count = Int(random.next() % 40)
      let text = (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }
        .joined()
      let bytes = Array(text.utf8)
      let expected = Self.referenceRecords(bytes)
      for chunkSize in [1, 2, 5, 8, 9, 4096] {
        #expect(
          read(bytes, chunkSize: chunkSize) == expected,
          "round \(round), chunk \(chunkSize): \(text.debugDescription)")
      }
    }
  }

  /// Short fields, several ending in one word, as most fields of an applicant file are:
  /// with `-` (which the word test may flag falsely after a delimiter), other bytes it flags
  /// but that end nothing (`+`, space, a quote inside a field), a quoted field right after
  /// a delimiter, and line breaks, at every offset of a word.
  @Test func shortFieldsEndingInOneWordAgreeWithTheReference() {
    var random = SplitMix64(seed: 0xC5F_0003)
    let pieces = [
      ",", ",", ",", "0", "12", "-", "--", "+", " ", "\"", "\"a,\"", "\n", "\r\n", "\r", "テ",
    ]
    for round in 0..<800 {
      let count = Int(random.next() % 48)
      let text = (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }
        .joined()
      let bytes = Array(text.utf8)
      let expected = Self.referenceRecords(bytes)
      for chunkSize in [3, 8, 13, 4096] {
        #expect(
          read(bytes, chunkSize: chunkSize) == expected,
          "round \(round), chunk \(chunkSize): \(text.debugDescription)")
      }
    }
  }

  @Test func tabSeparatedTextAgreesWithTheReference() {
    var random = SplitMix64(seed: 0xC5F_0002)
    let pieces = ["a", "bcdefghij", "\t", ",", "\"", "\n", "\r\n", " ", "企業"]
    for round in 0..<200 {
      let count = Int(random.next() % 40)
      let text = (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }
        .joined()
      let bytes = Array(text.utf8)
      let expected = Self.referenceRecords(bytes, delimiter: UInt8(ascii: "\t"))
      for chunkSize in [1, 7, 4096] {
        #expect(
          read(bytes, chunkSize: chunkSize, delimiter: .tab) == expected,
          "round \(round): \(text.debugDescription)")
      }
    }
  }
}
