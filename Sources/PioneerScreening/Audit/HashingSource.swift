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
      worker.hash(UnsafeRawBufferPointer(rebasing: buffer[skip..<count]))
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

/// The hasher, touched only on its serial queue, and the buffers it is handed copies in.
private final class HashWorker: @unchecked Sendable {
  /// Pieces handed over and not hashed yet, at most: 8 reads of 256 KiB.
  static let piecesInFlight = 8
  private let queue = DispatchQueue(label: "pioneer.input-sha256")
  private let slots = DispatchSemaphore(value: HashWorker.piecesInFlight)
  private var hasher = SHA256()
  /// One buffer for each piece in flight, reused in turn, touched only by the thread that
  /// hands pieces over. A fresh array a piece cost a page fault every 4 KiB of the file,
  /// 256 KiB at a time being too large for malloc to keep: as much of the id scan's time as
  /// the copying itself.
  private var buffers: [UnsafeMutableRawBufferPointer] = Array(
    repeating: UnsafeMutableRawBufferPointer(start: nil, count: 0),
    count: HashWorker.piecesInFlight)
  private var nextBuffer = 0

  deinit {
    for buffer in buffers { buffer.deallocate() }
  }

  /// Hashes a copy of `piece` after every piece handed over before it.
  func hash(_ piece: UnsafeRawBufferPointer) {
    slots.wait()
    // Pieces are hashed in order, so with fewer than `piecesInFlight` waiting, the one that
    // had this buffer, `piecesInFlight` pieces ago, is done with it.
    var buffer = buffers[nextBuffer]
    if buffer.count < piece.count {
      buffer.deallocate()
      buffer = .allocate(byteCount: piece.count, alignment: 64)
      buffers[nextBuffer] = buffer
    }
    nextBuffer = (nextBuffer + 1) % HashWorker.piecesInFlight
    if let base = buffer.baseAddress, let from = piece.baseAddress {
      base.copyMemory(from: from, byteCount: piece.count)
    }
    let copy = Piece(bytes: UnsafeRawBufferPointer(start: buffer.baseAddress, count: piece.count))
    queue.async {
      self.hasher.update(copy.bytes)
      self.slots.signal()
    }
  }

  /// Bytes in one of `buffers`, which no one writes while they are being hashed.
  private struct Piece: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
  }

  /// The digest of every piece handed over so far.
  var hexDigest: String {
    queue.sync { hasher.hexDigest }
  }
}
