import PioneerRules
import PioneerTestSupport
import Testing

@testable import PioneerRecords

/// A large regular file has its ids scanned once before its rows so that only ids that may
/// repeat are kept (`RepeatedIDScan`); the rows must come out exactly as when every id is
/// kept. The tests force the scan on small files with `idScanMinimumBytes = 0`.
@Suite struct RepeatedIDScanTests {
  private func rows(_ text: String, scan: Bool, chunkSize: Int = 256 * 1024) throws
    -> [ApplicantRow]
  {
    var options = ReaderOptions()
    options.idScanMinimumBytes = scan ? 0 : .max
    return try applicantRows(Array(text.utf8), chunkSize: chunkSize, options: options).rows
  }

  @Test func repeatedIdsAreFoundWithTheScanAsWithout() throws {
    let text = "応募ID,企業・団体名\nA1,一\nA2,二\n\"A1\",三\n Ａ１ ,四\nA3,五\nA2,六\n"
    let scanned = try rows(text, scan: true)
    #expect(scanned == (try rows(text, scan: false)))
    #expect(
      scanned.map(\.errors) == [
        [], [], [.duplicateID(id: "A1", firstLine: 2)], [.duplicateID(id: "A1", firstLine: 2)], [],
        [.duplicateID(id: "A2", firstLine: 3)],
      ])
  }

  /// Thousands of ids, a tenth of them repeated at random distances, some spelled with
  /// spaces or full-width letters, some on invalid rows: every row is the same either way.
  @Test(arguments: [1, 2, 3] as [UInt64])
  func aRandomFileReadsTheSameWithTheScanAsWithout(seed: UInt64) throws {
    var random = SplitMix64(seed: seed)
    var text = "応募ID,企業・団体名,総従業員数\n"
    var ids: [String] = []
    for row in 0..<5_000 {
      let id: String
      if !ids.isEmpty, random.next() % 10 == 0 {
        id = ids[Int(random.next() % UInt64(ids.count))]
      } else {
        id = "R\(row)"
        ids.append(id)
      }
      let spelled = random.next() % 7 == 0 ? " \(id) " : id
      let employees = random.next() % 13 == 0 ? "abc" : "\(row)"
      text += "\(spelled),社\(row),\(employees)\n"
    }
    let scanned = try rows(text, scan: true, chunkSize: 4096)
    #expect(scanned == (try rows(text, scan: false, chunkSize: 4096)))
    #expect(
      scanned.contains { $0.errors.contains { if case .duplicateID = $0 { true } else { false } } })
  }

  /// Whatever the encoding, the rows read after the scan (which proves the encoding for the
  /// whole file, so it is not checked twice) are the rows read without it.
  @Test(arguments: ["utf-8", "utf-8-bom", "utf-16le", "utf-16be", "cp932"])
  func everyEncodingReadsTheSameWithTheScanAsWithout(encoding: String) throws {
    let text = "応募ID,企業・団体名\r\nA1,一\r\nA2,髙\r\nA1,三\r\n"
    let bytes: [UInt8]
    switch encoding {
    case "utf-8-bom": bytes = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    case "utf-16le": bytes = utf16Bytes(text, bigEndian: false)
    case "utf-16be": bytes = utf16Bytes(text, bigEndian: true)
    case "cp932": bytes = encodingSampleCP932 + Array("A1,x\r\nA1,y\r\n".utf8)
    default: bytes = Array(text.utf8)
    }
    func read(scan: Bool) throws -> ([ApplicantRow], EncodingDecision) {
      var options = ReaderOptions()
      options.idScanMinimumBytes = scan ? 0 : .max
      let (rows, reader) = try applicantRows(bytes, chunkSize: 5, options: options)
      return (rows, reader.encoding)
    }
    let (scanned, decision) = try read(scan: true)
    let (plain, plainDecision) = try read(scan: false)
    #expect(scanned == plain)
    #expect(decision == plainDecision)
    #expect(scanned.contains { !$0.errors.isEmpty })
  }

  /// The scan gives up on a quote left open (the rows' reading reports it at its place),
  /// and the rows before it still find their duplicates.
  @Test func aFileTheScanCannotReadToItsEndStillFindsDuplicates() throws {
    var options = ReaderOptions()
    options.idScanMinimumBytes = 0
    let text = "応募ID,企業・団体名\nA1,一\nA1,二\nA2,\"三\n"
    let reader = try ApplicantReader(
      source: MemorySource(text), path: "t.csv", schema: TestSchema.schema, options: options)
    #expect(try reader.next()?.errors == [])
    #expect(try reader.next()?.errors == [.duplicateID(id: "A1", firstLine: 2)])
    #expect(throws: FileError.self) { _ = try reader.next() }
  }

  @Test func theFilterAnswersPresentForEveryIdAddedAndRarelyForOthers() {
    let filter = BloomFilter(bits: 1 << 16)
    var ids = SplitMix64(seed: 9)
    let added = (0..<4_000).map { _ in ids.next() }
    for hash in added { _ = filter.insert(hash: hash) }
    #expect(added.allSatisfy { filter.insert(hash: $0) })
    // 1,000 new elements (each query adds it): with ~16 bits an element and 8 bits in one
    // block, a few thousandths read as present; allow ten times that.
    let falsePositives = (0..<1_000).filter { _ in filter.insert(hash: ids.next()) }.count
    #expect(falsePositives < 20)
  }
}

/// `firstRow(withID:)` finds one applicant without typing the rows before it.
@Suite struct FirstRowWithIDTests {
  private let text =
    "応募ID,企業・団体名,総従業員数\nA1,一,3\n\"A-2\",\"二\n行\",4\nA3,三,abc\nA1,四,5\nＡ５,五,6\n"

  private func find(_ id: String) throws -> ApplicantRow? {
    let reader = try ApplicantReader(
      source: MemorySource(text, chunkLimit: 3), path: "t.csv", schema: TestSchema.schema)
    return try reader.firstRow(withID: id)
  }

  @Test func theRowFoundIsTheRowAFullReadGivesOnItsLine() throws {
    let all = try applicantRows(text).rows
    #expect(try find("A-2") == all[1])
    #expect(try find("A-2")?.line == 3)
    #expect(try find("A3") == all[2])  // an invalid row is found too, with its errors
  }

  @Test func theFirstOfRepeatedIdsIsFoundAndIsNotADuplicate() throws {
    let row = try find("A1")
    #expect(row?.line == 2)
    #expect(row?.errors == [])
  }

  @Test func theIdIsReadAsAnIdCellIs() throws {
    #expect(try find(" A5 ")?.line == 7)
    #expect(try find("Ａ５")?.line == 7)
  }

  @Test func anIdNoRowHasGivesNil() throws {
    #expect(try find("A9") == nil)
    #expect(try find("  ") == nil)
  }
}
