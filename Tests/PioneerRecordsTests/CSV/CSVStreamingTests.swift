import Testing

@testable import PioneerRecords

/// Bytes made up as they are read: `rows` copies of one CSV row, never held in memory.
private final class GeneratedSource: ByteSource {
  private let row: [UInt8]
  private let total: Int
  private var produced = 0

  init(row: String, rows: Int) {
    self.row = Array(row.utf8)
    total = self.row.count * rows
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileProblem) -> Int {
    let count = min(buffer.count, total - produced)
    row.withUnsafeBytes { template in
      var written = 0
      while written < count {
        let start = (produced + written) % template.count
        let piece = min(template.count - start, count - written)
        UnsafeMutableRawBufferPointer(rebasing: buffer[written..<written + piece])
          .copyMemory(from: UnsafeRawBufferPointer(rebasing: template[start..<start + piece]))
        written += piece
      }
    }
    produced += count
    return count
  }

  var isRewindable: Bool { false }
  func rewind() throws(FileProblem) { throw .readFailed(errno: 29) }
}

@Suite struct CSVStreamingTests {
  @Test func readingA200MegabyteStreamKeepsTheBuffersBounded() throws {
    let row = "R0000001,テスト企業「髙」,\"株式会社, \"\"引用\"\"\",\"5,000万円\",2021-09-01\n"
    let rowCount = 200 * 1024 * 1024 / row.utf8.count
    let chunkSize = 256 * 1024
    let text = try TextStream(
      source: GeneratedSource(row: row, rows: rowCount), chunkSize: chunkSize)
    let reader = CSVReader(text: text)
    var records = 0
    var wellFormed = 0
    var maximumCapacity = 0
    while let record = try reader.next() {
      records += 1
      if record.count == 5 { wellFormed += 1 }
      if records % 4096 == 0 { maximumCapacity = max(maximumCapacity, reader.bufferCapacity) }
    }
    #expect(records == rowCount)
    #expect(wellFormed == rowCount)
    #expect(text.chunkCapacity == chunkSize)
    // One chunk and the unfinished record, rounded up to a power of two: far below 200 MB.
    #expect(maximumCapacity <= 2 * chunkSize)
    #expect(reader.bufferCapacity <= 2 * chunkSize)
  }
}
