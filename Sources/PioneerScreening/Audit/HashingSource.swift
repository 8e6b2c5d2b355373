import PioneerRecords

/// A byte source that fingerprints what it passes on, so the audit block can name the
/// input's SHA-256 without reading the file a second time.
public final class HashingSource: ByteSource {
  private let inner: any ByteSource
  private var hasher = SHA256()

  public init(_ inner: any ByteSource) {
    self.inner = inner
  }

  /// The SHA-256 of every byte read since the last rewind.
  public var hexDigest: String { hasher.hexDigest }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileProblem) -> Int {
    let count = try inner.read(into: buffer)
    if count > 0 { hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) }
    return count
  }

  public var isRewindable: Bool { inner.isRewindable }

  public func rewind() throws(FileProblem) {
    try inner.rewind()
    hasher = SHA256()
  }
}
