/// Where the bytes of a file come from: a file descriptor, standard input, or memory.
///
/// Readers pull fixed-size chunks into a buffer they own and reuse, so no source is ever
/// loaded whole.
public protocol ByteSource: AnyObject {
  /// Reads up to `buffer.count` bytes into `buffer` and returns how many were read; 0 means
  /// the end of the input. A short read is not the end.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileProblem) -> Int

  /// Whether `rewind()` works: true for regular files and memory, false for pipes and
  /// terminals. Encoding detection scans a rewindable source once before reading it.
  var isRewindable: Bool { get }

  /// Starts over at the first byte the source had when it was created.
  func rewind() throws(FileProblem)

  /// How many bytes the source holds from its start, when that is known before reading
  /// (a regular file, memory); nil for a pipe.
  var byteCount: Int? { get }
}

extension ByteSource {
  public var byteCount: Int? { nil }
}
