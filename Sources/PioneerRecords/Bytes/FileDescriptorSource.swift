import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Bytes read from a file descriptor with `read(2)`: a file opened by path, a `FileHandle`,
/// or standard input.
public final class FileDescriptorSource: ByteSource {
  /// The descriptor read from.
  public let descriptor: Int32
  private let closesDescriptor: Bool
  private let startOffset: Int64?
  /// The file's size less the start offset, for a regular file.
  public let byteCount: Int?

  /// Reads `descriptor`, closing it when the source goes away if `closeOnDeinit`.
  ///
  /// The source is rewindable when the descriptor is a regular file (also standard input
  /// redirected from a file); it then rewinds to the offset it had here.
  public init(descriptor: Int32, closeOnDeinit: Bool) {
    self.descriptor = descriptor
    self.closesDescriptor = closeOnDeinit
    var status = stat()
    if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG {
      let offset = lseek(descriptor, 0, SEEK_CUR)
      startOffset = offset >= 0 ? Int64(offset) : nil
      byteCount = offset >= 0 ? Int(exactly: max(0, Int64(status.st_size) - Int64(offset))) : nil
    } else {
      startOffset = nil
      byteCount = nil
    }
  }

  /// Opens `path` for reading.
  public convenience init(path: String) throws(FileProblem) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw .cannotOpen(errno: errno) }
    self.init(descriptor: descriptor, closeOnDeinit: true)
  }

  /// Reads a `FileHandle`'s descriptor; the handle stays open and owned by the caller.
  public convenience init(fileHandle: FileHandle) {
    self.init(descriptor: fileHandle.fileDescriptor, closeOnDeinit: false)
  }

  /// Standard input.
  public static func standardInput() -> FileDescriptorSource {
    FileDescriptorSource(descriptor: 0, closeOnDeinit: false)
  }

  deinit {
    if closesDescriptor { close(descriptor) }
  }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileProblem) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    while true {
      #if canImport(Glibc)
        let count = Glibc.read(descriptor, base, buffer.count)
      #else
        let count = Darwin.read(descriptor, base, buffer.count)
      #endif
      if count >= 0 { return count }
      if errno != EINTR { throw .readFailed(errno: errno) }
    }
  }

  public var isRewindable: Bool { startOffset != nil }

  public func rewind() throws(FileProblem) {
    guard let startOffset else { throw .readFailed(errno: ESPIPE) }
    if lseek(descriptor, off_t(startOffset), SEEK_SET) < 0 { throw .readFailed(errno: errno) }
  }
}
