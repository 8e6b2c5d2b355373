import PioneerRules
import Testing

@testable import PioneerRecords

/// Hostile applicant files are read to the end with a row error, or rejected as a whole
/// with a `FileError` — never a trap. Every case is read both at once and in tiny chunks, so
/// chunk edges fall inside characters, quotes and line breaks.
@Suite struct HostileFileTests {
  static let header = TestSchema.header
  static let chunkSizes = [256 * 1024, 1, 7]
  static let bigChunkSizes = [256 * 1024, 4096, 61]

  /// A row of the test schema with `cells` replacing the named columns' values.
  static func row(_ cells: [String: String] = [:]) -> String {
    let base: [String: String] = [
      "applicant_id": "A1", "name": "テスト株式会社", "total_employees": "10",
      "regular_employees": "10", "eligible_employees": "5", "teleworkers": "5",
    ]
    return TestSchema.columns.map { cells[$0.name] ?? base[$0.name] ?? "" }
      .joined(separator: ",")
  }

  static func slot(_ name: String) -> Int { TestSchema.input(name).slot }

  @Test(arguments: bigChunkSizes)
  func fiveMegabyteFieldIsReadWhole(chunkSize: Int) throws {
    let big = String(repeating: "株", count: 5 << 20 / 3)
    let text =
      Self.header + "\n" + Self.row(["name": big]) + "\n" + Self.row(["applicant_id": "A2"])
    let (rows, _) = try applicantRows(text, chunkSize: chunkSize)
    #expect(rows.count == 2)
    #expect(rows.first?.record?.values[Self.slot("name")] == .text(big))
    #expect(rows.last?.record?.values[0] == .text("A2"))
  }

  @Test func fiveMegabyteNumberIsOutOfRangeNotATrap() throws {
    let digits = String(repeating: "9", count: 5 << 20)
    let text = Self.header + "\n" + Self.row(["teleworkers": "\"" + digits + "\""]) + "\n"
    let (rows, _) = try applicantRows(text, chunkSize: 64 * 1024)
    guard case .cell(let error)? = rows.first?.errors.first else {
      Issue.record("expected a cell error, got \(rows)")
      return
    }
    #expect(error.reason == .outOfRange(maximum: ExactNumber(1_000_000_000)))
  }

  @Test(arguments: chunkSizes)
  func nulBytesInCellsAreRowErrorsOrText(chunkSize: Int) throws {
    let text =
      Self.header + "\n"
      + Self.row(["name": "A\u{0}B", "teleworkers": "1\u{0}", "overtime_measures": "\u{0}"])
      + "\n"
    let (rows, _) = try applicantRows(text, chunkSize: chunkSize)
    #expect(rows.count == 1)
    let errors = try #require(rows.first?.errors)
    let columns = errors.compactMap { error -> String? in
      if case .cell(let cell) = error { return cell.column.en }
      return nil
    }
    #expect(columns == ["teleworkers", "overtime measures"])
    #expect(errors.allSatisfy { !$0.message(.en).isEmpty })
  }

  @Test(arguments: chunkSizes)
  func nulBytesInTheHeaderRejectTheFileListingWhatWasFound(chunkSize: Int) {
    let header = Self.header.replacingOccurrences(of: "応募ID", with: "応募\u{0}ID")
    #expect {
      _ = try applicantRows(header + "\n" + Self.row() + "\n", chunkSize: chunkSize)
    } throws: { error in
      guard let error = error as? FileError, case .missingColumns(let missing, _) = error.problem
      else { return false }
      return missing.map(\.ja) == ["応募ID"] && error.message(.en).hasPrefix("test.csv: ")
    }
  }

  @Test(arguments: chunkSizes)
  func allNulFileIsRejectedNotATrap(chunkSize: Int) {
    #expect(throws: FileError.self) {
      _ = try applicantRows([UInt8](repeating: 0, count: 1000), chunkSize: chunkSize)
    }
  }

  /// UTF-8 text cut inside 応 (E5 BF 9C), or ending in a byte no UTF-8 has.
  static let brokenUTF8Endings: [[UInt8]] = [[0xE5], [0xE5, 0xBF], [0xF0, 0x9F, 0x98], [0xFF]]

  @Test(arguments: brokenUTF8Endings)
  func invalidUTF8AtTheEndAsRequestedIsAFileErrorWithItsOffset(ending: [UInt8]) {
    let bytes = Array((Self.header + "\n" + Self.row() + "\n").utf8) + ending
    for chunkSize in Self.chunkSizes {
      #expect(
        throws: FileError(
          path: "test.csv", problem: .invalidUTF8(offset: bytes.count - ending.count))
      ) {
        _ = try applicantRows(bytes, chunkSize: chunkSize, options: ReaderOptions(encoding: .utf8))
      }
    }
  }

  @Test(arguments: brokenUTF8Endings)
  func invalidUTF8AtTheEndDetectedIsReadAsCP932OrRejected(ending: [UInt8]) {
    // Not UTF-8, so CP932 (spec §3.1); the UTF-8 header is mojibake there, so the file is
    // rejected as a whole — a message, whatever the chunking.
    let bytes = Array((Self.header + "\n" + Self.row() + "\n").utf8) + ending
    for chunkSize in Self.chunkSizes {
      #expect(throws: FileError.self) { _ = try applicantRows(bytes, chunkSize: chunkSize) }
    }
  }

  @Test(arguments: [[0x82], [0x88, 0xA0, 0x82], [0xFC]] as [[UInt8]])
  func cp932CutInsideACharacterAtTheEndIsAFileErrorWithItsOffset(ending: [UInt8]) throws {
    let file = try #require(
      Self.cp932(Self.header + "\n" + Self.row(["name": "髙橋"]) + "\n"))
    let bytes = file + ending
    for chunkSize in Self.chunkSizes {
      for encoding in [nil, TextEncoding.cp932] {
        #expect(
          throws: FileError(path: "test.csv", problem: .invalidCP932(offset: bytes.count - 1))
        ) {
          _ = try applicantRows(
            bytes, chunkSize: chunkSize, options: ReaderOptions(encoding: encoding))
        }
      }
    }
  }

  @Test(arguments: chunkSizes)
  func cp932InvalidTrailByteIsAFileErrorNotATrap(chunkSize: Int) throws {
    let file = try #require(Self.cp932(Self.header + "\n"))
    #expect(throws: FileError.self) {
      _ = try applicantRows(file + [0x82, 0x0A], chunkSize: chunkSize)
    }
  }

  @Test(arguments: [[0x41], [0x00, 0xD8], [0x3D, 0xD8, 0x41]] as [[UInt8]])
  func utf16CutAtTheEndIsAFileError(ending: [UInt8]) {
    let bytes = utf16Bytes(Self.header + "\r\n", bigEndian: false) + ending
    for chunkSize in Self.chunkSizes {
      #expect(throws: FileError.self) { _ = try applicantRows(bytes, chunkSize: chunkSize) }
    }
  }

  @Test(arguments: chunkSizes)
  func headerOnlyFileWithBOMAndNoLineEndHasNoRows(chunkSize: Int) throws {
    let (rows, reader) = try applicantRows(
      [0xEF, 0xBB, 0xBF] + Array(Self.header.utf8), chunkSize: chunkSize)
    #expect(rows.isEmpty)
    #expect(reader.encoding.reason == .byteOrderMark)
  }

  @Test(arguments: [[], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF]] as [[UInt8]])
  func emptyFileOrOnlyABOMIsRejectedAsEmpty(bytes: [UInt8]) {
    for chunkSize in Self.chunkSizes {
      #expect(throws: FileError(path: "test.csv", problem: .emptyFile)) {
        _ = try applicantRows(bytes, chunkSize: chunkSize)
      }
    }
  }

  @Test(arguments: chunkSizes)
  func crOnlyLineEndsSeparateRecords(chunkSize: Int) throws {
    let text = Self.header + "\r" + Self.row() + "\r" + Self.row(["applicant_id": "A2"]) + "\r"
    let (rows, _) = try applicantRows(text, chunkSize: chunkSize)
    #expect(rows.map(\.line) == [2, 3])
    #expect(rows.compactMap { $0.record?.values[0] } == [.text("A1"), .text("A2")])
  }

  @Test(arguments: chunkSizes)
  func unterminatedQuoteAtTheEndIsAFileErrorAtItsLine(chunkSize: Int) {
    let text = Self.header + "\n" + Self.row(["name": "\"abc"]) + "\n"
    #expect(throws: FileError(path: "test.csv", problem: .unterminatedQuote(line: 2, column: 2))) {
      _ = try applicantRows(text, chunkSize: chunkSize)
    }
  }

  /// `text` in CP932, or nil when Foundation cannot encode it.
  static func cp932(_ text: String) -> [UInt8]? {
    text.data(using: .shiftJIS).map(Array.init)
  }
}
