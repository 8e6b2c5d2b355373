import Dispatch
import PioneerRecords

/// A byte source that fingerprints what it passes on, so the audit block can name the
/// input's SHA-256 without a pass of its own.
///
/// The intake may read a file more than once (an encoding or id scan, then a rewind): each
/// byte offset is hashed exactly once, the first time it is read, so the digest is the
/// file's whichever way it was read.
///
/// Hashing runs on a queue of its own, on copies of the bytes, so that it overlaps the
/// reading instead of adding to it (the first reading of a large file is a scan that has
/// the machine to itself); at most `piecesInFlight` pieces wait, so memory stays flat.
public final class HashingSource: ByteSource {
  private let inner: any ByteSource
  private let worker = HashWorker()
  /// The offset of the next byte to read, and how far the hash has got.
  private var position = 0
  private var hashedUpTo = 0

  public init(_ inner: any ByteSource) {
    self.inner = inner
  }

  /// The SHA-256 of the bytes read so far (the whole input once it has been read to the end).
  public var hexDigest: String { worker.hexDigest }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileProblem) -> Int {
    let count = try inner.read(into: buffer)
    let end = position + count
    if end > hashedUpTo {
      let skip = max(0, hashedUpTo - position)
      worker.hash(Array(buffer[skip..<count]))
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

/// The hasher, touched only on its serial queue.
private final class HashWorker: @unchecked Sendable {
  /// Pieces handed over and not hashed yet, at most: 8 reads of 256 KiB.
  static let piecesInFlight = 8
  private let queue = DispatchQueue(label: "pioneer.input-sha256")
  private let slots = DispatchSemaphore(value: HashWorker.piecesInFlight)
  private var hasher = SHA256()

  /// Hashes `piece` after every piece handed over before it.
  func hash(_ piece: [UInt8]) {
    slots.wait()
    queue.async {
      piece.withUnsafeBytes { self.hasher.update($0) }
      self.slots.signal()
    }
  }

  /// The digest of every piece handed over so far.
  var hexDigest: String {
    queue.sync { hasher.hexDigest }
  }
}
