import Foundation

@testable import PioneerRecords

/// A memory source that, like a pipe, cannot rewind.
final class StreamSource: ByteSource {
  private let inner: MemorySource

  init(_ bytes: [UInt8], chunkLimit: Int = .max) {
    inner = MemorySource(bytes, chunkLimit: chunkLimit)
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileProblem) -> Int {
    try inner.read(into: buffer)
  }

  var isRewindable: Bool { false }

  func rewind() throws(FileProblem) {
    throw .readFailed(errno: 29)
  }
}

/// A file in the temporary directory holding `bytes`, removed by `remove()`.
struct TemporaryFile {
  let path: String

  init(_ bytes: [UInt8], suffix: String = ".csv") throws {
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("pioneer-records-\(UUID().uuidString)\(suffix)").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }
}
