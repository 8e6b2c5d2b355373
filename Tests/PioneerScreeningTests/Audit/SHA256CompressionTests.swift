import Foundation
import PioneerTestSupport
import Testing

@testable import PioneerScreening

/// The hardware (x86-64 SHA extensions) and the portable Swift compression must give the
/// same digests, and both the NIST ones; on a CPU without the extensions both arguments run
/// the portable path, and `theCPUsSHAExtensionsAreUsedWhereListed` says whether that happened.
@Suite struct SHA256CompressionTests {
  static let both: [SHA256.Compression] = [.hardware, .portable]

  /// NIST FIPS 180-4 example vectors (csrc.nist.gov "SHA256.pdf", "SHA2_Additional.pdf").
  static let nistVectors: [(message: [UInt8], digest: String)] = [
    ([], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    (Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    (
      Array(
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
          + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8),
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    ),
    (
      [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000),
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    ),
  ]

  private static func digest(_ message: [UInt8], _ compression: SHA256.Compression) -> [UInt8] {
    var hash = SHA256(compression: compression)
    hash.update(message)
    return hash.finalize()
  }

  /// The digest of `message` fed in pieces of random sizes up to `largestPiece` bytes, each
  /// piece copied to an allocation of its own so that whole blocks start at any alignment.
  private static func digestInRandomPieces(
    _ message: [UInt8], _ compression: SHA256.Compression, largestPiece: Int,
    random: inout SplitMix64
  ) -> [UInt8] {
    var hash = SHA256(compression: compression)
    var offset = 0
    while offset < message.count {
      let size = min(Int.random(in: 0...largestPiece, using: &random), message.count - offset)
      let piece = Array(message[offset..<(offset + size)])
      piece.withUnsafeBytes { hash.update($0) }
      offset += size
    }
    return hash.finalize()
  }

  private static func randomBytes(_ count: Int, _ random: inout SplitMix64) -> [UInt8] {
    (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
  }

  @Test(arguments: both)
  func nistVectorsMatchOnEachPath(compression: SHA256.Compression) {
    for (message, digest) in Self.nistVectors {
      #expect(
        SHA256.hex(Self.digest(message, compression)) == digest, "\(message.count) bytes")
    }
  }

  @Test(arguments: both)
  func millionAsFedInUnevenPiecesMatchNISTVectorOnEachPath(compression: SHA256.Compression) {
    let (message, digest) = (Self.nistVectors[4].message, Self.nistVectors[4].digest)
    var random = SplitMix64(seed: 1)
    let pieces = Self.digestInRandomPieces(
      message, compression, largestPiece: 300, random: &random)
    #expect(SHA256.hex(pieces) == digest)
  }

  @Test func everyLengthUpTo1000BytesInRandomPiecesGivesTheSameDigestOnBothPaths() {
    var random = SplitMix64(seed: 1804)
    // The lengths that disagree, so that a broken path reports one line, not a thousand.
    var disagreeing: [Int] = []
    for length in 0...1000 {
      let message = Self.randomBytes(length, &random)
      let whole = Self.digest(message, .portable)
      let hardware = Self.digestInRandomPieces(
        message, .hardware, largestPiece: 150, random: &random)
      let portable = Self.digestInRandomPieces(
        message, .portable, largestPiece: 150, random: &random)
      if hardware != whole || portable != whole { disagreeing.append(length) }
    }
    #expect(disagreeing == [])
  }

  @Test(arguments: [(2, 3_145_728 + 17), (3, 4_194_304 - 1)])
  func megabytesInRandomPiecesGiveTheSameDigestOnBothPaths(seed: UInt64, length: Int) {
    var random = SplitMix64(seed: seed)
    let message = Self.randomBytes(length, &random)
    let whole = Self.digest(message, .hardware)
    let hardware = Self.digestInRandomPieces(
      message, .hardware, largestPiece: 300_000, random: &random)
    let portable = Self.digestInRandomPieces(
      message, .portable, largestPiece: 300_000, random: &random)
    #expect(hardware == whole)
    #expect(portable == whole)
  }

  @Test func askingForHardwareGivesItOnlyWhereTheCPUHasIt() {
    let hash = SHA256(compression: .hardware)
    #expect(hash.compression == SHA256.fastestCompression)
    #expect(SHA256(compression: .portable).compression == .portable)
    #expect(SHA256().compression == SHA256.fastestCompression)
  }

  #if os(Linux) && arch(x86_64)
    /// Without this, a broken availability check would leave every test above on the
    /// portable path and still passing.
    @Test func theCPUsSHAExtensionsAreUsedWhereListed() throws {
      let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
      let flags = Set(
        cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }?
          .split(separator: " ").map(String.init) ?? [])
      let listed = flags.contains("sha_ni") && flags.contains("sse4_1")
      #expect((SHA256.fastestCompression == .hardware) == listed, "flags: sha_ni \(listed)")
    }
  #endif
}
