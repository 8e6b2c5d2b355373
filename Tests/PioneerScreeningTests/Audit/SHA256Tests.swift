import Foundation
import PioneerRules
import PioneerScreening
import Testing

/// NIST FIPS 180-4 example vectors (csrc.nist.gov "SHA256.pdf", "SHA2_Additional.pdf").
@Suite struct SHA256Tests {
  static let millionAs =
    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

  @Test func emptyMessageMatchesNISTVector() {
    #expect(
      SHA256().hexDigest
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  @Test func abcMatchesNISTVector() {
    #expect(
      SHA256.hexDigest(of: "abc".utf8)
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  @Test func twoBlock448BitMessageMatchesNISTVector() {
    let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    #expect(
      SHA256.hexDigest(of: message.utf8)
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test func the896BitMessageMatchesNISTVector() {
    let message =
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
    #expect(
      SHA256.hexDigest(of: message.utf8)
        == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
  }

  @Test func oneMillionAsInOneCallMatchesNISTVector() {
    let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
    #expect(SHA256.hexDigest(of: message) == Self.millionAs)
  }

  @Test(arguments: [[1], [63], [64], [65], [1000], [1, 63, 64, 65, 1000], [7, 130, 3]])
  func oneMillionAsFedInUnevenPiecesMatchesNISTVector(pieces: [Int]) {
    let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
    var hash = SHA256()
    var offset = 0
    var index = 0
    while offset < message.count {
      let size = min(pieces[index % pieces.count], message.count - offset)
      message[offset..<(offset + size)].withUnsafeBytes { hash.update($0) }
      offset += size
      index += 1
    }
    #expect(hash.hexDigest == Self.millionAs)
  }

  @Test func messagesAroundTheBlockBoundaryMatchOneShotAndPieceByPiece() {
    // Lengths 55, 56 and 64 exercise the padding spilling into a second block.
    for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128] {
      let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31) }
      var pieceByPiece = SHA256()
      for byte in message { pieceByPiece.update(CollectionOfOne(byte)) }
      #expect(pieceByPiece.finalize() == SHA256.hash(message), "length \(length)")
    }
  }

  @Test func finalizeDoesNotConsumeTheState() {
    var hash = SHA256()
    hash.update("ab".utf8)
    _ = hash.finalize()
    hash.update("c".utf8)
    #expect(hash.hexDigest == SHA256.hexDigest(of: "abc".utf8))
  }

  @Test func nonContiguousCollectionsHashLikeTheirBytes() {
    let bytes = "abc".utf8.reversed().reversed()
    #expect(SHA256.hexDigest(of: bytes) == SHA256.hexDigest(of: Array("abc".utf8)))
  }

  @Test func digestIs32Bytes() {
    #expect(SHA256.hash([UInt8]()).count == SHA256.digestByteCount)
  }

  @Test func fileHashedInChunksEqualsTheOneShotHash() throws {
    // Larger than one 1 MiB read chunk and not a multiple of it or of the block size.
    let size = SHA256.fileChunkByteCount * 2 + 12_345
    let bytes = (0..<size).map { UInt8(truncatingIfNeeded: ($0 &* 7) ^ ($0 >> 9)) }
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("pioneer-sha256-\(UUID().uuidString).bin")
    try Data(bytes).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    #expect(try SHA256.hexDigest(ofFileAt: url.path) == SHA256.hexDigest(of: bytes))
  }

  @Test func emptyFileHashesLikeTheEmptyMessage() throws {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("pioneer-sha256-\(UUID().uuidString).bin")
    try Data().write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    #expect(try SHA256.hexDigest(ofFileAt: url.path) == SHA256().hexDigest)
  }

  @Test func missingFileThrowsCannotOpenWithBilingualMessage() {
    let path = "/nonexistent-pioneer-dir/input.csv"
    #expect(throws: SHA256.FileError.cannotOpen(path: path, code: ENOENT)) {
      try SHA256.hexDigest(ofFileAt: path)
    }
    let error = SHA256.FileError.cannotOpen(path: path, code: ENOENT)
    #expect(error.message(.ja).contains("ファイルを開けません"))
    #expect(error.message(.en).contains("cannot open"))
  }

  @Test func directoryThrowsCannotRead() {
    #expect(throws: SHA256.FileError.cannotRead(path: "/", code: EISDIR)) {
      try SHA256.hexDigest(ofFileAt: "/")
    }
  }
}
