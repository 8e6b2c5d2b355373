import Foundation
import Testing

@testable import PioneerReports

/// Records every simulated `write(2)` call and answers from a script.
private final class ScriptedWrites {
  var received: [UInt8] = []
  var calls = 0
  /// Outcomes for the first calls; later calls write everything.
  var script: [BufferedFileSink.WriteOutcome] = []
  /// The most bytes one successful call accepts.
  var limit = Int.max

  func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> BufferedFileSink.WriteOutcome
  {
    calls += 1
    if !script.isEmpty {
      let outcome = script.removeFirst()
      switch outcome {
      case .failed: return outcome
      case .wrote(let count):
        received.append(contentsOf: bytes.prefix(count))
        return outcome
      }
    }
    let count = min(bytes.count, limit)
    received.append(contentsOf: bytes.prefix(count))
    return .wrote(count)
  }

  func sink(capacity: Int = BufferedFileSink.defaultCapacity) -> BufferedFileSink {
    BufferedFileSink(
      fileDescriptor: 99, name: "test", capacity: capacity, closeOnDeinit: false,
      systemWrite: { [self] in self.write($0, $1) })
  }
}

@Suite struct ByteSinkTests {
  @Test func memorySinkCollectsBytesAndText() throws {
    let sink = MemorySink()
    try sink.write("応募")
    try sink.write([UInt8(ascii: "!")])
    try sink.write("ab".utf8.reversed())
    #expect(sink.text == "応募!ba")
    sink.removeAll()
    #expect(sink.bytes.isEmpty)
  }

  @Test func bufferedSinkHoldsSmallWritesUntilFlush() throws {
    let writes = ScriptedWrites()
    let sink = writes.sink()
    try sink.write("hello ")
    try sink.write("world")
    #expect(writes.calls == 0)
    try sink.flush()
    #expect(writes.calls == 1)
    #expect(writes.received == Array("hello world".utf8))
    try sink.flush()
    #expect(writes.calls == 1)
  }

  @Test func defaultBufferIs64KiB() {
    #expect(BufferedFileSink.defaultCapacity == 65_536)
  }

  @Test func fullBufferIsWrittenBeforeMoreIsAccepted() throws {
    let writes = ScriptedWrites()
    let sink = writes.sink(capacity: 8)
    try sink.write("12345")
    try sink.write("6789")  // does not fit: the first five bytes go out
    #expect(writes.received == Array("12345".utf8))
    try sink.flush()
    #expect(writes.received == Array("123456789".utf8))
  }

  @Test func chunkLargerThanTheBufferIsWrittenDirectly() throws {
    let writes = ScriptedWrites()
    let sink = writes.sink(capacity: 8)
    try sink.write("ab")
    try sink.write("0123456789")
    #expect(writes.received == Array("ab0123456789".utf8))
    #expect(writes.calls == 2)
  }

  @Test func partialWritesAreContinued() throws {
    let writes = ScriptedWrites()
    writes.limit = 3
    let sink = writes.sink()
    let text = String(repeating: "テレワーク", count: 20)
    try sink.write(text)
    try sink.flush()
    #expect(writes.received == Array(text.utf8))
    #expect(writes.calls == (text.utf8.count + 2) / 3)
  }

  @Test func interruptedWritesAreRetried() throws {
    let writes = ScriptedWrites()
    writes.script = [.failed(EINTR), .wrote(2), .failed(EINTR)]
    let sink = writes.sink()
    try sink.write("abcdef")
    try sink.flush()
    #expect(writes.received == Array("abcdef".utf8))
    #expect(writes.calls == 4)
  }

  @Test func writeErrorIsThrownWithErrno() throws {
    let writes = ScriptedWrites()
    writes.script = [.wrote(1), .failed(ENOSPC)]
    let sink = writes.sink()
    try sink.write("abc")
    #expect(throws: OutputError.writeFailed(path: "test", code: ENOSPC)) { try sink.flush() }
  }

  @Test func writeThatMakesNoProgressIsAnErrorNotALoop() throws {
    let writes = ScriptedWrites()
    writes.script = [.wrote(0)]
    let sink = writes.sink()
    try sink.write("abc")
    #expect(throws: OutputError.writeFailed(path: "test", code: EIO)) { try sink.flush() }
  }

  @Test func realFileReceivesEveryByte() throws {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("pioneer-sink-\(UUID().uuidString).txt")
    let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    #expect(descriptor >= 0)
    defer { try? FileManager.default.removeItem(at: url) }
    let sink = BufferedFileSink(fileDescriptor: descriptor, name: url.path)
    var expected: [UInt8] = []
    for index in 0..<5_000 {
      let line = "\(index),株式会社テスト\(index)\r\n"
      expected.append(contentsOf: line.utf8)
      try sink.write(line)
    }
    try sink.close()
    #expect(try Data(contentsOf: url) == Data(expected))
    #expect(expected.count > BufferedFileSink.defaultCapacity)
  }

  // MARK: Writing in place

  /// Fills `room` with `text` and returns its length.
  private static func fill(_ room: UnsafeMutableRawBufferPointer, with text: String) -> Int {
    let bytes = Array(text.utf8)
    room.copyBytes(from: bytes.prefix(room.count))
    return min(bytes.count, room.count)
  }

  @Test func memorySinkWritesInPlaceThroughATemporaryBuffer() throws {
    let sink = MemorySink()
    try sink.write("a,")
    let accepted = try sink.writeInPlace(atMost: 8) { ByteSinkTests.fill($0, with: "応募") }
    #expect(accepted == 6)
    #expect(sink.text == "a,応募")
  }

  @Test func bytesWrittenInPlaceStayInTheBufferUntilFlush() throws {
    let writes = ScriptedWrites()
    let sink = writes.sink(capacity: 16)
    try sink.write("ab")
    try sink.writeInPlace(atMost: 8) { ByteSinkTests.fill($0, with: "cd") }
    try sink.write("ef")
    #expect(writes.calls == 0)
    try sink.flush()
    #expect(writes.received == Array("abcdef".utf8))
  }

  @Test func onlyTheCountReturnedIsKept() throws {
    let writes = ScriptedWrites()
    let sink = writes.sink(capacity: 16)
    try sink.writeInPlace(atMost: 8) { room in
      _ = ByteSinkTests.fill(room, with: "12345678")
      return 3
    }
    try sink.write("!")
    try sink.flush()
    #expect(writes.received == Array("123!".utf8))
  }

  @Test func aCountOutsideTheRoomCannotMoveOutOfTheBuffer() throws {
    let writes = ScriptedWrites()
    let sink = writes.sink(capacity: 16)
    let tooMany = try sink.writeInPlace(atMost: 4) { room in
      _ = ByteSinkTests.fill(room, with: "wxyz")
      return 1_000
    }
    let negative = try sink.writeInPlace(atMost: 4) { _ in -5 }
    try sink.flush()
    #expect(tooMany == 4)
    #expect(negative == 0)
    #expect(writes.received == Array("wxyz".utf8))
  }

  @Test func roomThatDoesNotFitWritesTheBufferOutFirst() throws {
    let writes = ScriptedWrites()
    let sink = writes.sink(capacity: 8)
    try sink.write("12345")
    try sink.writeInPlace(atMost: 4) { ByteSinkTests.fill($0, with: "6789") }
    #expect(writes.received == Array("12345".utf8))
    try sink.flush()
    #expect(writes.received == Array("123456789".utf8))
  }

  @Test func roomLargerThanTheBufferIsFilledAsideAndWrittenDirectly() throws {
    let writes = ScriptedWrites()
    let sink = writes.sink(capacity: 8)
    try sink.write("ab")
    let long = String(repeating: "テレワーク", count: 5)
    try sink.writeInPlace(atMost: 100) { ByteSinkTests.fill($0, with: long) }
    #expect(writes.received == Array(("ab" + long).utf8))
    #expect(writes.calls == 2)
  }

  @Test func aFillThatThrowsWritesNothing() throws {
    let writes = ScriptedWrites()
    let sink = writes.sink(capacity: 16)
    #expect(throws: OutputError.writeFailed(path: "test", code: EIO)) {
      try sink.writeInPlace(atMost: 8) { room in
        _ = ByteSinkTests.fill(room, with: "lost")
        throw OutputError.writeFailed(path: "test", code: EIO)
      }
    }
    try sink.write("kept")
    try sink.flush()
    #expect(writes.received == Array("kept".utf8))
  }

  @Test func writingToAClosedDescriptorThrows() throws {
    let sink = BufferedFileSink(fileDescriptor: -1, name: "nowhere")
    try sink.write("x")
    #expect(throws: OutputError.writeFailed(path: "nowhere", code: EBADF)) { try sink.flush() }
  }
}
