/// Pulls a `ByteSource` into one fixed buffer, chunk after chunk, counting the offset.
final class ChunkReader {
  let source: any ByteSource
  private let buffer: UnsafeMutableBufferPointer<UInt8>
  /// The source offset of the next byte to be read.
  private(set) var offset = 0

  /// The size of the reused buffer; it never changes.
  var capacity: Int { buffer.count }

  init(source: any ByteSource, chunkSize: Int) {
    self.source = source
    buffer = .allocate(capacity: max(1, chunkSize))
  }

  deinit {
    buffer.deallocate()
  }

  /// The next chunk (valid until the next call), or nil at the end of the input.
  func next() throws(FileProblem) -> UnsafeBufferPointer<UInt8>? {
    let count = try source.read(into: UnsafeMutableRawBufferPointer(buffer))
    guard count > 0 else { return nil }
    offset += count
    return UnsafeBufferPointer(rebasing: buffer[0..<count])
  }

  /// Starts over at the beginning of a rewindable source.
  func rewind() throws(FileProblem) {
    try source.rewind()
    offset = 0
  }
}
