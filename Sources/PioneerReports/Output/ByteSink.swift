#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A destination for the bytes of a report.
///
/// Writers (`CSVWriter`, `JSONWriter`, …) hold a sink by reference and never buffer
/// themselves; a sink decides when bytes reach their destination. Call `flush()` when done.
public protocol ByteSink: AnyObject {
  /// Accepts `bytes`; they may be held in a buffer until `flush()`.
  func write(_ bytes: UnsafeRawBufferPointer) throws
  /// Pushes every byte accepted so far to the destination.
  func flush() throws
  /// Lets `fill` write up to `maximumCount` bytes straight into the sink's own buffer, so a
  /// writer checks the room once for a whole row instead of once per piece; `fill` returns
  /// how many bytes it wrote, and only those are accepted (none when it throws).
  ///
  /// - Returns: the number of bytes accepted.
  @discardableResult
  func writeInPlace(
    atMost maximumCount: Int, _ fill: (UnsafeMutableRawBufferPointer) throws -> Int
  ) throws -> Int
}

extension ByteSink {
  /// Accepts the bytes of any collection.
  public func write<C: Collection<UInt8>>(_ bytes: C) throws {
    let done: Void?? = try bytes.withContiguousStorageIfAvailable { buffer in
      try write(UnsafeRawBufferPointer(buffer))
    }
    if done == nil {
      try Array(bytes).withUnsafeBytes { try write($0) }
    }
  }

  /// Fills a temporary buffer and writes it: for sinks without a buffer of their own.
  @discardableResult
  public func writeInPlace(
    atMost maximumCount: Int, _ fill: (UnsafeMutableRawBufferPointer) throws -> Int
  ) throws -> Int {
    try withUnsafeTemporaryAllocation(byteCount: max(maximumCount, 0), alignment: 1) { room in
      let count = min(max(try fill(room), 0), room.count)
      try write(UnsafeRawBufferPointer(rebasing: room[..<count]))
      return count
    }
  }

  /// Accepts the UTF-8 bytes of `text`.
  public func write(_ text: String) throws {
    var text = text
    try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
  }
}

/// A sink that keeps everything in memory; for tests and small documents.
public final class MemorySink: ByteSink {
  /// Every byte written so far.
  public private(set) var bytes: [UInt8] = []

  /// An empty sink.
  public init() {}

  /// Appends `bytes`.
  public func write(_ bytes: UnsafeRawBufferPointer) {
    self.bytes.append(contentsOf: bytes)
  }

  /// Does nothing: the bytes are already in memory.
  public func flush() {}

  /// The bytes written so far decoded as UTF-8 (invalid sequences become U+FFFD).
  public var text: String {
    String(decoding: bytes, as: UTF8.self)
  }

  /// Forgets everything written so far.
  public func removeAll() {
    bytes.removeAll()
  }
}

/// A sink that writes to an open file descriptor with `write(2)` through a buffer.
///
/// Bytes are collected in a buffer (64 KiB unless told otherwise) and written when it is full
/// and on `flush()`; a chunk at least as large as the buffer is written directly. Partial
/// writes are continued and `EINTR` is retried. Bytes still in the buffer when the sink is
/// released are **not** written (a deinitialiser cannot report errors): call `flush()`.
public final class BufferedFileSink: ByteSink {
  /// The default buffer size: 64 KiB.
  public static let defaultCapacity = 64 * 1024

  /// The descriptor written to.
  public let fileDescriptor: Int32
  /// How the destination is named in error messages (a path, or "standard output").
  public let name: String
  private let closesOnDeinit: Bool
  private let systemWrite: SystemWrite
  private let buffer: UnsafeMutableRawBufferPointer
  private var used = 0
  private var isClosed = false

  /// One call of `write(2)`: the number of bytes written, or the `errno` of a failure.
  enum WriteOutcome {
    case wrote(Int)
    case failed(Int32)
  }

  /// The function that performs one `write(2)`; replaceable in tests.
  typealias SystemWrite = (Int32, UnsafeRawBufferPointer) -> WriteOutcome

  /// A sink writing to `fileDescriptor`.
  ///
  /// - Parameters:
  ///   - fileDescriptor: an open descriptor; the sink never closes it unless
  ///     `closeOnDeinit` is true.
  ///   - name: how the destination is named in error messages.
  ///   - capacity: the buffer size in bytes (at least 1).
  ///   - closeOnDeinit: whether releasing the sink closes the descriptor.
  public convenience init(
    fileDescriptor: Int32, name: String, capacity: Int = BufferedFileSink.defaultCapacity,
    closeOnDeinit: Bool = false
  ) {
    self.init(
      fileDescriptor: fileDescriptor, name: name, capacity: capacity,
      closeOnDeinit: closeOnDeinit, systemWrite: BufferedFileSink.posixWrite)
  }

  init(
    fileDescriptor: Int32, name: String, capacity: Int, closeOnDeinit: Bool,
    systemWrite: @escaping SystemWrite
  ) {
    self.fileDescriptor = fileDescriptor
    self.name = name
    self.closesOnDeinit = closeOnDeinit
    self.systemWrite = systemWrite
    self.buffer = .allocate(byteCount: Swift.max(capacity, 1), alignment: 16)
  }

  /// A sink for standard output (descriptor 1), which it never closes.
  public static func standardOutput() -> BufferedFileSink {
    BufferedFileSink(fileDescriptor: STDOUT_FILENO, name: "standard output")
  }

  deinit {
    buffer.deallocate()
    if closesOnDeinit && !isClosed {
      _ = systemClose(fileDescriptor)
    }
  }

  /// Buffers `bytes`, writing the buffer out when they do not fit.
  public func write(_ bytes: UnsafeRawBufferPointer) throws {
    guard !bytes.isEmpty else { return }
    if bytes.count > buffer.count &- used {
      try flush()
    }
    if bytes.count >= buffer.count {
      try writeAll(bytes)
      return
    }
    UnsafeMutableRawBufferPointer(rebasing: buffer[used..<(used &+ bytes.count)])
      .copyMemory(from: bytes)
    used = used &+ bytes.count
  }

  /// Lets `fill` write into the free end of the buffer, writing the buffer out first when the
  /// room is not there; a request larger than the whole buffer is filled in a temporary one
  /// and written directly.
  @discardableResult
  public func writeInPlace(
    atMost maximumCount: Int, _ fill: (UnsafeMutableRawBufferPointer) throws -> Int
  ) throws -> Int {
    let wanted = max(maximumCount, 0)
    if wanted > buffer.count &- used {
      try flush()
    }
    guard wanted <= buffer.count, let start = buffer.baseAddress else {
      return try withUnsafeTemporaryAllocation(byteCount: wanted, alignment: 1) { room in
        let count = min(max(try fill(room), 0), wanted)
        try writeAll(UnsafeRawBufferPointer(rebasing: room[..<count]))
        return count
      }
    }
    // `used + wanted <= buffer.count` here: plain pointer arithmetic rather than a checked
    // slice, as this runs once per row.
    let room = UnsafeMutableRawBufferPointer(start: start + used, count: wanted)
    // A count outside 0...wanted would be a writer's mistake; it must not move `used` out of
    // the buffer.
    let count = min(max(try fill(room), 0), wanted)
    used = used &+ count
    return count
  }

  /// Writes out the buffered bytes.
  public func flush() throws {
    guard used > 0 else { return }
    let pending = UnsafeRawBufferPointer(rebasing: buffer[0..<used])
    // Forget the bytes even when writing fails, so a retry cannot duplicate a prefix.
    used = 0
    try writeAll(pending)
  }

  /// Flushes, then closes the descriptor; the sink must not be used afterwards.
  public func close() throws {
    guard !isClosed else { return }
    try flush()
    isClosed = true
    if systemClose(fileDescriptor) != 0 && errno != EINTR {
      throw OutputError.writeFailed(path: name, code: errno)
    }
  }

  private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
    var rest = bytes
    while !rest.isEmpty {
      switch systemWrite(fileDescriptor, rest) {
      case .wrote(let count) where count > 0 && count <= rest.count:
        rest = UnsafeRawBufferPointer(rebasing: rest[count...])
      case .wrote:
        // Zero (or an impossible count) for a non-empty request: no progress can be made.
        throw OutputError.writeFailed(path: name, code: EIO)
      case .failed(let code) where code == EINTR:
        continue
      case .failed(let code):
        throw OutputError.writeFailed(path: name, code: code)
      }
    }
  }

  private static func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer)
    -> WriteOutcome
  {
    guard let base = bytes.baseAddress else { return .wrote(0) }
    let count = systemWriteCall(descriptor, base, bytes.count)
    return count < 0 ? .failed(errno) : .wrote(count)
  }
}

// `write` and `close` are shadowed by the methods above inside the class.
private func systemWriteCall(_ descriptor: Int32, _ base: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, base, count)
}

private func systemClose(_ descriptor: Int32) -> Int32 {
  close(descriptor)
}
