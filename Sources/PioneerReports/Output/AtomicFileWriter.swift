import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Numbers the temporary files of this process, so concurrent writers never collide.
private let temporaryCounter = Atomic<Int>(0)

/// Writes a report so that the output path holds either the previous file or the complete
/// new one, never a partial write.
///
/// The bytes go to a temporary file `.NAME.tmp-PID-N` in the output's folder (the same file
/// system, so the final `rename(2)` is atomic). `commit()` flushes, `fsync`s, closes and renames
/// it over the output, then `fsync`s the folder. If anything fails, or the writer is discarded
/// or released without `commit()`, the temporary file is removed and the output is untouched.
///
/// Before anything is created, the output path is resolved with `realpath(3)` (following
/// symlinks) and compared with every input path, also by device and inode when the output
/// exists (which catches hard links); an output that is an input is refused with
/// `OutputError.outputIsInput`. When the output is a symlink, the file it points to is
/// replaced and the link is kept. A new file gets the default permissions (0666 less the
/// umask); a replaced file keeps its permission bits.
///
/// ```swift
/// try AtomicFileWriter.write(to: "report.csv", refusingInputs: ["applicants.csv"]) { sink in
///   try CSVWriter(to: sink).writeRow(["id", "outcome"])
/// }
/// ```
public final class AtomicFileWriter: ByteSink {
  /// The output path as given.
  public let path: String
  /// The path that `commit()` replaces: `path` with its folder (and, for an existing file,
  /// symlinks) resolved.
  public let resolvedPath: String
  /// The temporary file the bytes go to until `commit()`.
  public let temporaryPath: String
  private let descriptor: Int32
  /// The temporary file's buffer. A constant rather than the payload of an open/finished
  /// state, so that writing a row through it retains nothing.
  private let sink: BufferedFileSink
  /// Whether `commit()` or `discard()` has run; nothing may be written after.
  private var isFinished = false

  /// Creates the temporary file for writing `path`.
  ///
  /// - Parameters:
  ///   - path: the output file; its folder must exist.
  ///   - inputs: paths the output must not be (the files the report was made from).
  /// - Throws: `OutputError.outputIsInput`, `.notARegularFile`, `.cannotResolve` or
  ///   `.cannotCreateTemporary`.
  public init(path: String, refusingInputs inputs: [String] = []) throws {
    let target = try Self.resolveOutput(path)
    try Self.refuseInputs(output: path, target: target, inputs: inputs)
    let folder = Self.folder(of: target.path)
    let name = Self.lastComponent(of: target.path)
    let processID = getpid()
    var attempts = 0
    while true {
      let number = temporaryCounter.wrappingAdd(1, ordering: .relaxed).oldValue
      let candidate = "\(folder)/.\(name).tmp-\(processID)-\(number)"
      let opened = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      if opened >= 0 {
        temporaryPath = candidate
        descriptor = opened
        break
      }
      let code = errno
      attempts = attempts &+ 1
      guard code == EEXIST || code == EINTR, attempts < 1000 else {
        throw OutputError.cannotCreateTemporary(directory: folder, code: code)
      }
    }
    if let mode = target.existingMode {
      _ = fchmod(descriptor, mode & 0o7777)
    }
    self.path = path
    self.resolvedPath = target.path
    self.sink = BufferedFileSink(fileDescriptor: descriptor, name: path, closeOnDeinit: false)
  }

  deinit {
    discard()
  }

  /// Writes `body`'s output to `path` atomically: commits when `body` returns, discards
  /// (leaving any previous file intact) when it throws.
  public static func write(
    to path: String, refusingInputs inputs: [String] = [],
    _ body: (AtomicFileWriter) throws -> Void
  ) throws {
    let writer = try AtomicFileWriter(path: path, refusingInputs: inputs)
    do {
      try body(writer)
    } catch {
      writer.discard()
      throw error
    }
    try writer.commit()
  }

  /// Throws `OutputError.outputIsInput` when `output` resolves to one of `inputs`; lets a
  /// command refuse before doing any work. `init` performs the same check.
  public static func checkOutput(_ output: String, isNotOneOf inputs: [String]) throws {
    try refuseInputs(output: output, target: try resolveOutput(output), inputs: inputs)
  }

  /// Appends bytes to the temporary file.
  public func write(_ bytes: UnsafeRawBufferPointer) throws {
    guard !isFinished else { throw OutputError.alreadyFinished(path: path) }
    try sink.write(bytes)
  }

  /// Lets `fill` write straight into the temporary file's buffer.
  @discardableResult
  public func writeInPlace(
    atMost maximumCount: Int, _ fill: (UnsafeMutableRawBufferPointer) throws -> Int
  ) throws -> Int {
    guard !isFinished else { throw OutputError.alreadyFinished(path: path) }
    return try sink.writeInPlace(atMost: maximumCount, fill)
  }

  /// Writes buffered bytes to the temporary file (the output is still untouched).
  public func flush() throws {
    guard !isFinished else { throw OutputError.alreadyFinished(path: path) }
    try sink.flush()
  }

  /// Makes the written bytes the content of the output: flush, `fsync`, close, rename over
  /// the output, `fsync` the folder (best effort). On failure the temporary file is removed
  /// and the output keeps its previous content.
  public func commit() throws {
    guard !isFinished else { throw OutputError.alreadyFinished(path: path) }
    isFinished = true
    do {
      try sink.flush()
      var synced: Int32
      repeat { synced = fsync(descriptor) } while synced != 0 && errno == EINTR
      if synced != 0 { throw OutputError.syncFailed(path: path, code: errno) }
    } catch {
      _ = close(descriptor)
      _ = unlink(temporaryPath)
      throw error
    }
    // The descriptor is released even when close(2) fails, so it is never closed twice.
    if close(descriptor) != 0 && errno != EINTR {
      let code = errno
      _ = unlink(temporaryPath)
      throw OutputError.writeFailed(path: path, code: code)
    }
    guard rename(temporaryPath, resolvedPath) == 0 else {
      let code = errno
      _ = unlink(temporaryPath)
      throw OutputError.renameFailed(temporary: temporaryPath, output: path, code: code)
    }
    Self.syncFolder(Self.folder(of: resolvedPath))
  }

  /// Abandons the write: closes and removes the temporary file, leaving the output as it
  /// was. Does nothing after `commit()` or a previous `discard()`.
  public func discard() {
    guard !isFinished else { return }
    isFinished = true
    _ = close(descriptor)
    _ = unlink(temporaryPath)
  }

  // MARK: Resolution

  private struct Target {
    var path: String
    /// Device and inode when the output exists.
    var identity: FileIdentity?
    var existingMode: mode_t?
  }

  private struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64
  }

  private static func resolveOutput(_ path: String) throws -> Target {
    let name = lastComponent(of: path)
    guard !path.isEmpty else { throw OutputError.cannotResolve(path: path, code: ENOENT) }
    guard !name.isEmpty, name != ".", name != ".." else {
      throw OutputError.notARegularFile(path: path)
    }
    var info = stat()
    if stat(path, &info) == 0 {
      guard (info.st_mode & S_IFMT) == S_IFREG else {
        throw OutputError.notARegularFile(path: path)
      }
      guard let real = realPath(path) else {
        throw OutputError.cannotResolve(path: path, code: errno)
      }
      return Target(
        path: real, identity: identity(of: info), existingMode: info.st_mode)
    }
    let code = errno
    var linkInfo = stat()
    guard code == ENOENT, lstat(path, &linkInfo) != 0 else {
      // Unreadable, or a symlink whose target does not exist.
      throw OutputError.cannotResolve(path: path, code: code)
    }
    let parent = folder(of: path)
    guard let realParent = realPath(parent) else {
      throw OutputError.cannotResolve(path: parent, code: errno)
    }
    let joined = realParent.hasSuffix("/") ? realParent + name : realParent + "/" + name
    return Target(path: joined, identity: nil, existingMode: nil)
  }

  private static func refuseInputs(output: String, target: Target, inputs: [String]) throws {
    for input in inputs {
      if let real = realPath(input), real == target.path {
        throw OutputError.outputIsInput(output: output, input: input)
      }
      var info = stat()
      if let outputIdentity = target.identity, stat(input, &info) == 0,
        identity(of: info) == outputIdentity
      {
        throw OutputError.outputIsInput(output: output, input: input)
      }
    }
  }

  private static func identity(of info: stat) -> FileIdentity {
    FileIdentity(
      device: UInt64(truncatingIfNeeded: info.st_dev),
      inode: UInt64(truncatingIfNeeded: info.st_ino))
  }

  private static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The folder part of `path` ("." when there is none).
  private static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let folder = path[..<slash]
    return folder.isEmpty ? "/" : String(folder)
  }

  /// The part of `path` after the last `/`.
  private static func lastComponent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  /// Makes the rename durable; failures are ignored since the file is already in place.
  private static func syncFolder(_ folder: String) {
    let opened = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard opened >= 0 else { return }
    _ = fsync(opened)
    _ = close(opened)
  }
}
