import PioneerRecords
import PioneerScreening
import PioneerTestSupport
import Testing

/// The source fingerprints what it passes on with the file's SHA-256, whatever the pieces it
/// is read in, copying them into buffers it reuses.
@Suite struct HashingSourceTests {
  private static let bytes: [UInt8] = {
    var random = SplitMix64(seed: 6)
    return (0..<400_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
  }()

  /// Reads `source` to its end in pieces of the sizes in `sizes`, in turn; returns the bytes.
  private func readAll(_ source: HashingSource, sizes: [Int]) throws -> [UInt8] {
    var read: [UInt8] = []
    var turn = 0
    while true {
      var piece = [UInt8](repeating: 0, count: sizes[turn % sizes.count])
      turn += 1
      let count = try piece.withUnsafeMutableBytes { try source.read(into: $0) }
      if count == 0 { return read }
      read += piece[..<count]
    }
  }

  /// Large pieces and small in turn, many more than are hashed at once, so that each buffer
  /// is reused for pieces larger and smaller than it: the digest is the bytes'.
  @Test(arguments: [[1 << 16], [70_001, 3, 1, 9, 65_536, 100, 8, 5, 4096, 2, 50_000]])
  func theDigestIsTheBytesWhateverThePieces(sizes: [Int]) throws {
    let source = HashingSource(MemorySource(Self.bytes))
    #expect(try readAll(source, sizes: sizes) == Self.bytes)
    #expect(source.hexDigest == SHA256.hexDigest(of: Self.bytes))
  }

  /// Bytes read again after a rewind are hashed once: the digest is still the file's.
  @Test func bytesReadAgainAfterARewindAreHashedOnce() throws {
    let source = HashingSource(MemorySource(Self.bytes, chunkLimit: 30_000))
    var start = [UInt8](repeating: 0, count: 100_000)
    _ = try start.withUnsafeMutableBytes { try source.read(into: $0) }
    try source.rewind()
    #expect(try readAll(source, sizes: [12_345, 77]) == Self.bytes)
    #expect(source.hexDigest == SHA256.hexDigest(of: Self.bytes))
  }
}
