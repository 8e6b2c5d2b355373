import Foundation
import Testing

@testable import PioneerRecords

@Suite struct ByteSourceTests {
  private func drain(_ source: any ByteSource, bufferSize: Int) throws -> [[UInt8]] {
    var pieces: [[UInt8]] = []
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 1)
    defer { buffer.deallocate() }
    while true {
      let count = try source.read(into: buffer)
      if count == 0 { return pieces }
      pieces.append(Array(buffer[0..<count]))
    }
  }

  @Test func memorySourceHandsOutAtMostItsChunkLimit() throws {
    let source = MemorySource(Array(0..<10), chunkLimit: 3)
    let pieces = try drain(source, bufferSize: 8)
    #expect(pieces == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]])
  }

  @Test func memorySourceRewindsToTheStart() throws {
    let source = MemorySource("abc")
    _ = try drain(source, bufferSize: 2)
    try source.rewind()
    #expect(try drain(source, bufferSize: 8) == [Array("abc".utf8)])
  }

  @Test func fileSourceReadsARegularFileAndCanRewind() throws {
    let file = try TemporaryFile(Array("応募ID,企業・団体名\n".utf8))
    defer { file.remove() }
    let source = try FileDescriptorSource(path: file.path)
    #expect(source.isRewindable)
    let first = try drain(source, bufferSize: 4).flatMap { $0 }
    try source.rewind()
    let second = try drain(source, bufferSize: 1024).flatMap { $0 }
    #expect(first == Array("応募ID,企業・団体名\n".utf8))
    #expect(second == first)
  }

  @Test func fileHandleSourceReadsTheHandlesDescriptor() throws {
    let file = try TemporaryFile(Array("x,y\n".utf8))
    defer { file.remove() }
    let handle = try #require(FileHandle(forReadingAtPath: file.path))
    defer { try? handle.close() }
    let source = FileDescriptorSource(fileHandle: handle)
    #expect(try drain(source, bufferSize: 64).flatMap { $0 } == Array("x,y\n".utf8))
  }

  @Test func aPipeIsNotRewindable() throws {
    let pipe = Pipe()
    let source = FileDescriptorSource(fileHandle: pipe.fileHandleForReading)
    #expect(!source.isRewindable)
    pipe.fileHandleForWriting.write(Data("abc".utf8))
    try pipe.fileHandleForWriting.close()
    #expect(try drain(source, bufferSize: 64).flatMap { $0 } == Array("abc".utf8))
    #expect(throws: FileProblem.self) { try source.rewind() }
  }

  @Test func openingAMissingFileFailsWithItsErrno() {
    #expect(throws: FileProblem.cannotOpen(errno: ENOENT)) {
      _ = try FileDescriptorSource(path: "/nonexistent/pioneer/applicants.csv")
    }
  }

  @Test func chunkReaderReusesOneFixedBuffer() throws {
    let reader = ChunkReader(source: MemorySource(Array(repeating: 7, count: 1000)), chunkSize: 64)
    var total = 0
    var addresses = Set<UnsafePointer<UInt8>?>()
    while let chunk = try reader.next() {
      total += chunk.count
      addresses.insert(chunk.baseAddress)
      #expect(chunk.count <= 64)
    }
    #expect(total == 1000)
    #expect(addresses.count == 1)
    #expect(reader.capacity == 64)
    #expect(reader.offset == 1000)
  }

  @Test func byteBufferGrowsAndDropsFromTheFront() {
    let buffer = ByteBuffer(capacity: 4)
    for byte in 0..<100 { buffer.append(UInt8(byte)) }
    #expect(buffer.count == 100)
    buffer.removeFirst(90)
    #expect(Array(buffer.bytes) == Array(90..<100))
    buffer.removeAll()
    #expect(buffer.count == 0)
    #expect(buffer.capacity >= 100)
  }
}
