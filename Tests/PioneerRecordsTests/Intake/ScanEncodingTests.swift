import PioneerRules
import Testing

@testable import PioneerRecords

/// The id scan checks UTF-8 while it reads instead of in a pass of its own; what it
/// decides must be what a stream deciding first decides, whatever the bytes.
@Suite struct ScanEncodingTests {
  private static let text = "応募ID,企業・団体名\r\nA1,一\r\nA2,髙\r\nA1,三\r\nA3,テスト企業\r\n"

  private func scanDecision(_ bytes: [UInt8], chunkSize: Int) -> EncodingDecision? {
    var options = ReaderOptions()
    options.chunkSize = chunkSize
    let source = MemorySource(bytes, chunkLimit: chunkSize)
    return RepeatedIDScan.candidates(
      source: source, schema: TestSchema.schema, options: options, byteCount: bytes.count)?
      .encoding
  }

  /// Text that also reads as CP932 when a byte makes it not UTF-8.
  private static let asciiText = "applicant_id,name\r\nA1,a\r\nA2,b\r\nA1,c\r\nA3,d\r\n"

  @Test(arguments: [
    "valid", "kana stray first", "kana stray last", "cut last character", "cp932",
    "not CP932 either",
  ])
  func theScanDecidesAsAStreamThatDecidesFirst(variant: String) throws {
    var bytes = Array(Self.asciiText.utf8)
    switch variant {
    case "valid": bytes = Array(Self.text.utf8)
    // 0xB1 is half-width ｱ in CP932 and a continuation byte without a lead in UTF-8.
    case "kana stray first": bytes.insert(0xB1, at: 23)  // in the first row's name
    case "kana stray last": bytes += [0x41, 0x2C, 0xB1, 0x0A]
    case "cut last character": bytes += [0x41, 0x2C, 0xE3, 0x81]
    case "cp932": bytes = encodingSampleCP932 + Array("A1,x\r\nA1,y\r\n".utf8)
    case "not CP932 either": bytes = Array(Self.text.utf8) + [0xFF]
    default: break
    }
    for chunkSize in [4, 5, 16, 1 << 16] {
      // A stream that cannot decode the file fails as it is made; the scan then gives up.
      let expected = try? TextStream(
        source: MemorySource(bytes, chunkLimit: chunkSize), chunkSize: chunkSize
      ).decision
      #expect(scanDecision(bytes, chunkSize: chunkSize) == expected, "chunk \(chunkSize)")
      if variant != "not CP932 either" { #expect(expected != nil) }
    }
  }

  @Test func checkingWhileReadingFailsWhereTheTextStopsBeingUTF8() throws {
    let bytes = Array("abcdefgh,テスト\n".utf8) + [0xE3, 0x81, 0x41] + Array("xyz\n".utf8)
    let stream = try TextStream(
      source: MemorySource(bytes, chunkLimit: 4), encoding: nil, chunkSize: 4, proven: nil,
      checkingUTF8WhileReading: true)
    #expect(stream.decision == EncodingDecision(encoding: .utf8, reason: .validUTF8))
    #expect(throws: FileProblem.invalidUTF8(offset: 19)) {
      while try stream.next() != nil {}
    }
  }

  @Test func aScannedFileReadsTheSameRowsWhenItsLastCharacterIsCut() throws {
    let bytes = Array(Self.asciiText.utf8) + [0x41, 0x34, 0x2C, 0xE3, 0x81]
    func read(scan: Bool) throws -> ([ApplicantRow], EncodingDecision) {
      var options = ReaderOptions()
      options.idScanMinimumBytes = scan ? 0 : .max
      let (rows, reader) = try applicantRows(bytes, chunkSize: 6, options: options)
      return (rows, reader.encoding)
    }
    let scanned = try read(scan: true)
    let plain = try read(scan: false)
    #expect(scanned.0 == plain.0)
    #expect(scanned.1 == plain.1)
  }
}
