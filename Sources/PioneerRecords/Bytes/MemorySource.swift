/// Bytes held in memory, handed out in pieces of at most `chunkLimit` bytes, so tests can
/// feed a reader one byte at a time.
public final class MemorySource: ByteSource {
  private let bytes: [UInt8]
  private let chunkLimit: Int
  private var position = 0

  /// A source over `bytes`; every read returns at most `chunkLimit` bytes (at least 1).
  public init(_ bytes: [UInt8], chunkLimit: Int = .max) {
    self.bytes = bytes
    self.chunkLimit = max(1, chunkLimit)
  }

  /// A source over the UTF-8 bytes of `text`.
  public convenience init(_ text: String, chunkLimit: Int = .max) {
    self.init(Array(text.utf8), chunkLimit: chunkLimit)
  }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileProblem) -> Int {
    let count = min(buffer.count, chunkLimit, bytes.count - position)
    guard count > 0 else { return 0 }
    bytes.withUnsafeBytes { all in
      buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[position..<position + count]))
    }
    position += count
    return count
  }

  public var isRewindable: Bool { true }

  public var byteCount: Int? { bytes.count }

  public func rewind() throws(FileProblem) {
    position = 0
  }
}
