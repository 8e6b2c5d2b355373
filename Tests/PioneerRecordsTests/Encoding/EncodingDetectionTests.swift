import Testing

@testable import PioneerRecords

/// The UTF-8 of the header and one row, used by several fixtures.
let encodingSample = "応募ID,企業・団体名\r\nA1,①㈱髙\r\n"

/// `encodingSample` in CP932 as Japanese Excel writes it: ① = 87 40, ㈱ = 87 8A,
/// 髙 = FB FC (IBM extension).
let encodingSampleCP932: [UInt8] = [
  0x89, 0x9E, 0x95, 0xE5, 0x49, 0x44, 0x2C, 0x8A, 0xE9, 0x8B, 0xC6, 0x81, 0x45, 0x92, 0x63,
  0x91, 0xCC, 0x96, 0xBC, 0x0D, 0x0A, 0x41, 0x31, 0x2C, 0x87, 0x40, 0x87, 0x8A, 0xFB, 0xFC,
  0x0D, 0x0A,
]

/// `text` as UTF-16 in either byte order, with or without its byte-order mark.
func utf16Bytes(_ text: String, bigEndian: Bool, bom: Bool = true) -> [UInt8] {
  var bytes: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
  for unit in text.utf16 {
    let high = UInt8(unit >> 8)
    let low = UInt8(unit & 0xFF)
    bytes += bigEndian ? [high, low] : [low, high]
  }
  return bytes
}

@Suite struct EncodingDetectionTests {
  private let sample = encodingSample
  private let sampleCP932 = encodingSampleCP932

  @Test(arguments: [1, 2, 3, 5, 256 * 1024])
  func utf8WithoutBOMIsReadAsUTF8(chunkSize: Int) throws {
    let (text, decision) = try decode(Array(sample.utf8), chunkSize: chunkSize)
    #expect(text == sample)
    #expect(decision == EncodingDecision(encoding: .utf8, reason: .validUTF8))
  }

  @Test(arguments: [1, 2, 4, 256 * 1024])
  func utf8BOMIsDetectedAndDropped(chunkSize: Int) throws {
    let (text, decision) = try decode(
      [0xEF, 0xBB, 0xBF] + Array(sample.utf8), chunkSize: chunkSize)
    #expect(text == sample)
    #expect(decision == EncodingDecision(encoding: .utf8, reason: .byteOrderMark))
  }

  @Test(arguments: [1, 2, 3, 7, 256 * 1024])
  func utf16LittleEndianWithBOMDecodesIncludingSurrogatePairs(chunkSize: Int) throws {
    let content = sample + "B2,絵文字😀\r\n"
    let (text, decision) = try decode(utf16Bytes(content, bigEndian: false), chunkSize: chunkSize)
    #expect(text == content)
    #expect(decision == EncodingDecision(encoding: .utf16LittleEndian, reason: .byteOrderMark))
  }

  @Test(arguments: [1, 2, 3, 7, 256 * 1024])
  func utf16BigEndianWithBOMDecodesIncludingSurrogatePairs(chunkSize: Int) throws {
    let content = sample + "B2,絵文字😀\r\n"
    let (text, decision) = try decode(utf16Bytes(content, bigEndian: true), chunkSize: chunkSize)
    #expect(text == content)
    #expect(decision == EncodingDecision(encoding: .utf16BigEndian, reason: .byteOrderMark))
  }

  @Test(arguments: [1, 2, 3, 256 * 1024])
  func cp932FileWithNECAndIBMExtensionsIsDetectedAndDecoded(chunkSize: Int) throws {
    let (text, decision) = try decode(sampleCP932, chunkSize: chunkSize)
    #expect(text == sample)
    // 0x89 0x9E (応) is the first byte sequence that is not UTF-8.
    #expect(decision == EncodingDecision(encoding: .cp932, reason: .notUTF8(offset: 0)))
  }

  @Test func cp932IsDetectedFromTheFirstChunkOfAPipe() throws {
    let (text, decision) = try decode(sampleCP932, chunkSize: 8, rewindable: false)
    #expect(text == sample)
    #expect(decision.encoding == .cp932)
  }

  @Test func necSelectedIBMExtensionSpellingOfTakaAlsoDecodes() throws {
    let (text, _) = try decode([0x41, 0x2C, 0xEE, 0xE0, 0x0A], encoding: .cp932)
    #expect(text == "A,髙\n")
  }

  @Test func halfWidthKatakanaAreSingleCP932Bytes() throws {
    let (text, _) = try decode([0xB6, 0xC3, 0xDE, 0x0A], encoding: .cp932)
    #expect(text == "ｶﾃﾞ\n")
  }

  @Test func aRegularFileIsScannedWholeSoLateNonUTF8BytesStillChooseCP932() throws {
    // 300 ASCII bytes, then 髙 in CP932: the first 256-byte chunk alone looks like UTF-8.
    let bytes = Array(String(repeating: "a", count: 300).utf8) + [0xFB, 0xFC, 0x0A]
    let (text, decision) = try decode(bytes, chunkSize: 256)
    #expect(decision == EncodingDecision(encoding: .cp932, reason: .notUTF8(offset: 300)))
    #expect(text == String(repeating: "a", count: 300) + "髙\n")
  }

  @Test func aPipeThatTurnsOutNotUTF8FailsAtTheByteOffset() {
    let bytes = Array(String(repeating: "a", count: 300).utf8) + [0xFB, 0xFC, 0x0A]
    #expect(throws: FileProblem.invalidUTF8(offset: 300)) {
      _ = try decode(bytes, chunkSize: 256, rewindable: false)
    }
  }

  @Test func anExplicitEncodingOverridesDetection() throws {
    // "é" in UTF-8 is C3 A9, which CP932 reads as two half-width katakana.
    let (text, decision) = try decode(Array("é\n".utf8), encoding: .cp932)
    #expect(text == "ﾃｩ\n")
    #expect(decision == EncodingDecision(encoding: .cp932, reason: .requested))
  }

  @Test func anExplicitUTF16WithoutBOMIsDecoded() throws {
    let bytes = utf16Bytes("a,b\n", bigEndian: false, bom: false)
    let (text, _) = try decode(bytes, encoding: .utf16LittleEndian)
    #expect(text == "a,b\n")
  }

  @Test func anExplicitEncodingStillDropsItsOwnBOM() throws {
    let (text, _) = try decode([0xEF, 0xBB, 0xBF] + Array("a\n".utf8), encoding: .utf8)
    #expect(text == "a\n")
  }

  @Test func explicitUTF8OnCP932BytesFailsAtTheFirstBadByte() {
    #expect(throws: FileProblem.invalidUTF8(offset: 0)) {
      _ = try decode(sampleCP932, encoding: .utf8)
    }
  }

  @Test func anEmptyFileDecodesToNothing() throws {
    let (text, decision) = try decode([])
    #expect(text.isEmpty)
    #expect(decision.encoding == .utf8)
  }

  @Test func aFileOfOnlyABOMDecodesToNothing() throws {
    let (text, _) = try decode([0xEF, 0xBB, 0xBF])
    #expect(text.isEmpty)
  }

  @Test func theReadBufferKeepsItsSizeWhateverTheEncoding() throws {
    let stream = try TextStream(source: MemorySource(sampleCP932), chunkSize: 16)
    while try stream.next() != nil {}
    #expect(stream.chunkCapacity == 16)
  }

  @Test func encodingNamesAreReadLeniently() {
    #expect(TextEncoding(name: "UTF-8") == .utf8)
    #expect(TextEncoding(name: "utf8") == .utf8)
    #expect(TextEncoding(name: "utf-16le") == .utf16LittleEndian)
    #expect(TextEncoding(name: "UTF16BE") == .utf16BigEndian)
    #expect(TextEncoding(name: "cp932") == .cp932)
    #expect(TextEncoding(name: "Shift_JIS") == .cp932)
    #expect(TextEncoding(name: "sjis") == .cp932)
    #expect(TextEncoding(name: "windows-31j") == .cp932)
    #expect(TextEncoding(name: "latin1") == nil)
  }
}

@Suite struct DecodingErrorTests {
  @Test func aCP932ByteThatIsNoCharacterRejectsTheFileAtItsOffset() {
    // 0x85 0x40 is an unassigned double-byte code.
    #expect(throws: FileProblem.invalidCP932(offset: 4)) {
      _ = try decode(Array("a,b\n".utf8) + [0x85, 0x40, 0x0A], encoding: .cp932)
    }
  }

  @Test(arguments: [1, 2, 3, 256 * 1024])
  func aCP932ErrorOffsetIsTheSameWhateverTheChunking(chunkSize: Int) {
    let bytes = encodingSampleCP932 + [0x41, 0x80, 0x0A]
    #expect(throws: FileProblem.invalidCP932(offset: encodingSampleCP932.count + 1)) {
      _ = try decode(bytes, chunkSize: chunkSize, encoding: .cp932)
    }
  }

  @Test func aCP932FileEndingInALeadByteIsRejected() {
    #expect(throws: FileProblem.invalidCP932(offset: 2)) {
      _ = try decode([0x41, 0x0A, 0x87], encoding: .cp932)
    }
  }

  @Test(arguments: [1, 3, 256 * 1024])
  func anUnpairedHighSurrogateIsRejectedAtItsOffset(chunkSize: Int) {
    // BOM, "a", then D800 followed by "b" instead of a low surrogate.
    let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x00, 0xD8, 0x62, 0x00]
    #expect(throws: FileProblem.unpairedSurrogate(offset: 4)) {
      _ = try decode(bytes, chunkSize: chunkSize)
    }
  }

  @Test func aLoneLowSurrogateIsRejectedAtItsOffset() {
    let bytes: [UInt8] = [0xFE, 0xFF, 0x00, 0x61, 0xDC, 0x00]
    #expect(throws: FileProblem.unpairedSurrogate(offset: 4)) { _ = try decode(bytes) }
  }

  @Test func aHighSurrogateAtTheEndIsRejected() {
    let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x3D, 0xD8]
    #expect(throws: FileProblem.unpairedSurrogate(offset: 4)) { _ = try decode(bytes) }
  }

  @Test func aUTF16FileOfOddLengthIsRejected() {
    #expect(throws: FileProblem.truncatedUTF16(offset: 4)) {
      _ = try decode([0xFF, 0xFE, 0x61, 0x00, 0x62])
    }
  }

  @Test func aStreamEndingInsideAUTF8CharacterFailsAtItsFirstByte() {
    let bytes = Array("abcdefgh".utf8) + Array("髙".utf8).prefix(2)
    #expect(throws: FileProblem.invalidUTF8(offset: 8)) {
      _ = try decode(bytes, chunkSize: 4, rewindable: false)
    }
  }
}

@Suite struct UTF8ValidatorTests {
  @Test(arguments: 1...9)
  func validTextIsAcceptedWhereverChunksSplitIt(chunkSize: Int) {
    let bytes = Array("aé髙😀ｶ①\u{10FFFF}z".utf8)
    #expect(firstInvalidUTF8(bytes, chunkSize: chunkSize) == nil)
  }

  @Test(
    arguments: [
      [0xC0, 0x80],  // overlong NUL
      [0xE0, 0x80, 0xAF],  // overlong
      [0xED, 0xA0, 0x80],  // surrogate D800
      [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
      [0xF5, 0x80, 0x80, 0x80],  // no such lead byte
      [0x80],  // continuation without lead
      [0xE3, 0x81, 0x41],  // cut short by ASCII
    ] as [[UInt8]])
  func malformedSequencesAreRejectedAtTheirLeadByte(sequence: [UInt8]) {
    for chunkSize in [1, 2, 3, 64] {
      #expect(firstInvalidUTF8(Array("ab".utf8) + sequence, chunkSize: chunkSize) == 2)
    }
  }
}

/// The table-driven automaton and the sequence-by-sequence scan must agree on every input:
/// the first decides a whole chunk, the second only says where a rejected chunk goes wrong.
@Suite struct UTF8AutomatonTests {
  /// Byte values at every edge of Unicode Table 3-7.
  private static let edges: [UInt8] = [
    0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
    0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
  ]

  private func agree(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer {
      UTF8Validator.isValidAndComplete($0, from: 0) == (UTF8Validator.locate($0, from: 0) == .valid)
    }
  }

  @Test func agreesWithTheSequenceScanOnEveryTwoByteInput() {
    var disagreements = 0
    for first in 0...255 {
      for second in 0...255 where !agree([UInt8(first), UInt8(second)]) { disagreements += 1 }
    }
    #expect(disagreements == 0)
  }

  @Test func agreesWithTheSequenceScanOnEveryInputOfUpToFourEdgeBytes() {
    var inputs: [[UInt8]] = [[]]
    var disagreements: [[UInt8]] = []
    for _ in 1...4 {
      inputs = inputs.flatMap { prefix in Self.edges.map { prefix + [$0] } }
      disagreements += inputs.filter { !agree($0) }
    }
    #expect(disagreements.isEmpty)
  }

  @Test func acceptsLongTextAndRejectsAStrayByteAfterASCIIRuns() {
    let text = Array((String(repeating: "abcdefgh", count: 9) + "髙😀ｶ①").utf8)
    #expect(text.withUnsafeBufferPointer { UTF8Validator.isValidAndComplete($0, from: 0) })
    let broken = text + Array(repeating: 0x41, count: 17) + [0xFF]
    #expect(!broken.withUnsafeBufferPointer { UTF8Validator.isValidAndComplete($0, from: 0) })
    let cut = Array(text.dropLast())
    #expect(!cut.withUnsafeBufferPointer { UTF8Validator.isValidAndComplete($0, from: 0) })
  }
}
