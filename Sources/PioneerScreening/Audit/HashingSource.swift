import PioneerRecords

/// A byte source that fingerprints what it passes on, so the audit block can name the
/// input's SHA-256 without a pass of its own.
///
/// The intake may read a file twice (an encoding pre-scan, then a rewind): each byte offset
/// is hashed exactly once, the first time it is read, so the digest is the file's whichever
/// way it was read.
public final class HashingSource: ByteSource {
  private let inner: any ByteSource
  private var hasher = SHA256()
  /// The offset of the next byte to read, and how far the hash has got.
  private var position = 0
  private var hashedUpTo = 0

  public init(_ inner: any ByteSource) {
    self.inner = inner
  }

  /// The SHA-256 of the bytes read so far (the whole input once it has been read to the end).
  public var hexDigest: String { hasher.hexDigest }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileProblem) -> Int {
    let count = try inner.read(into: buffer)
    let end = position + count
    if end > hashedUpTo {
      let skip = max(0, hashedUpTo - position)
      hasher.update(UnsafeRawBufferPointer(rebasing: buffer[skip..<count]))
      hashedUpTo = end
    }
    position = end
    return count
  }

  public var isRewindable: Bool { inner.isRewindable }

  public var byteCount: Int? { inner.byteCount }

  public func rewind() throws(FileProblem) {
    try inner.rewind()
    position = 0
  }
}
