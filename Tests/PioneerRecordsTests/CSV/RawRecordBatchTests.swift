import Foundation
import PioneerTestSupport
import Testing

@testable import PioneerRecords

/// Records copied out of the reader into batches, to be typed elsewhere, must be the records
/// the reader gave: same fields, lines and offsets, however the text was chunked and however
/// many records a batch holds, with a batch refilled rather than reallocated; blank records
/// are only counted.
@Suite struct RawRecordBatchTests {
  /// Random CSV: quoted fields with delimiters, doubled quotes and line breaks of every
  /// kind, empty fields and records, text after a closing quote, non-ASCII text.
  static func randomCSV(seed: UInt64, records: Int) -> [UInt8] {
    var random = SplitMix64(seed: seed)
    func pick<T>(_ options: [T]) -> T { options[Int(random.next() % UInt64(options.count))] }
    var text = ""
    for _ in 0..<records {
      let fieldCount = Int(random.next() % 6)
      var fields: [String] = []
      for _ in 0...fieldCount {
        fields.append(
          pick([
            "", "a", "12", "テレワーク", " spaced ", "\"quoted, with comma\"", "\"two\nlines\"",
            "\"cr\rlf\r\n\"", "\"say \"\"hi\"\"\"", "\"after\"text", "in\"side", "髙橋",
          ]))
      }
      text += fields.joined(separator: ",") + pick(["\n", "\r\n", "\r", "\n\n"])
    }
    return Array(text.utf8)
  }

  /// The records of `bytes`, read through a stream of `chunkSize`-byte chunks into batches
  /// of `capacity` records, and the blank records counted.
  static func batchedRecords(_ bytes: [UInt8], chunkSize: Int, capacity: Int) throws
    -> (records: [ReadRecord], blank: Int)
  {
    let text = try TextStream(
      source: MemorySource(bytes, chunkLimit: chunkSize), chunkSize: chunkSize)
    let reader = CSVReader(text: text)
    let batch = RawRecordBatch(capacity: capacity)
    var records: [ReadRecord] = []
    var blank = 0
    var done = false
    while !done {
      batch.removeAll()
      while !batch.isFull {
        guard let record = try reader.next() else {
          done = true
          break
        }
        batch.append(record)
      }
      #expect(batch.count <= capacity)
      blank += batch.blankCount
      for index in 0..<batch.count {
        records.append(
          ReadRecord(
            line: batch.line(index), byteOffset: batch.byteOffset(index),
            fields: batch.fields(index)))
      }
    }
    return (records, blank)
  }

  static func isBlank(_ record: ReadRecord) -> Bool {
    record.fields.allSatisfy { $0.trimmingCharacters(in: [" ", "\t", "\u{3000}"]).isEmpty }
  }

  @Test(arguments: [1, 2, 3, 7, 64, 4096] as [Int])
  func batchesHoldTheReadersRecordsAtEveryChunkSize(chunkSize: Int) throws {
    for seed in 1...3 as ClosedRange<UInt64> {
      let bytes = Self.randomCSV(seed: seed, records: 300)
      let all = try csvRecords(bytes, chunkLimit: chunkSize, chunkSize: chunkSize)
      let expected = all.filter { !Self.isBlank($0) }
      #expect(expected.count < all.count)
      for capacity in [1, 2, 7, 2048] {
        let batched = try Self.batchedRecords(bytes, chunkSize: chunkSize, capacity: capacity)
        #expect(batched.records == expected, "seed \(seed), batches of \(capacity)")
        #expect(batched.blank == all.count - expected.count)
      }
    }
  }

  @Test func aRefilledBatchHoldsOnlyTheNewRecords() throws {
    let text = try TextStream(source: MemorySource("a,b\n\"x\ny\",z\nlast\n"))
    let reader = CSVReader(text: text)
    let batch = RawRecordBatch(capacity: 2)
    while !batch.isFull, let record = try reader.next() { batch.append(record) }
    #expect(batch.fields(1) == ["x\ny", "z"])
    batch.removeAll()
    #expect(batch.count == 0)
    while !batch.isFull, let record = try reader.next() { batch.append(record) }
    #expect(batch.count == 1)
    #expect(batch.fields(0) == ["last"])
    #expect(batch.line(0) == 4)
  }

  @Test func blankRecordsAreCountedNotHeldAndDoNotFillABatch() throws {
    let text = try TextStream(source: MemorySource("a\n\n ,\u{3000}\nb\n\nc\n"))
    let reader = CSVReader(text: text)
    let batch = RawRecordBatch(capacity: 2)
    while !batch.isFull, let record = try reader.next() { batch.append(record) }
    #expect(batch.count == 2)
    #expect(batch.blankCount == 2)
    #expect(batch.fields(1) == ["b"])
    #expect(batch.line(1) == 4)
  }

  @Test func aMillionBlankLinesKeepABatchEmpty() throws {
    let text = try TextStream(
      source: MemorySource(String(repeating: ",\t,\n", count: 1_000_000) + "a\n"))
    let reader = CSVReader(text: text)
    let batch = RawRecordBatch(capacity: 2048)
    while !batch.isFull, let record = try reader.next() { batch.append(record) }
    #expect(batch.count == 1)
    #expect(batch.blankCount == 1_000_000)
  }
  /// Records of more fields than a record or a batch first has room for (the reader's
  /// bounds grow in the middle of a record, while chunks refill its buffer), and records
  /// longer than a batch first has room for, still come out as the reader read them.
  @Test(arguments: [1, 5, 64, 4096] as [Int])
  func wideAndLongRecordsKeepTheirFieldsInBatches(chunkSize: Int) throws {
    var text = ""
    for row in 0..<40 {
      let fields = (0..<(row * 7 % 90 + 1)).map { column in
        column % 11 == 3 ? "\"q,\"\"\(column)\"" : column % 5 == 0 ? "" : "テ\(row)-\(column)"
      }
      text +=
        fields.joined(separator: ",") + (row % 13 == 0 ? String(repeating: "x", count: 900) : "")
      text += row % 2 == 0 ? "\n" : "\r\n"
    }
    let bytes = Array(text.utf8)
    let expected = try csvRecords(bytes, chunkLimit: chunkSize, chunkSize: chunkSize)
    for capacity in [1, 3, 2048] {
      let batched = try Self.batchedRecords(bytes, chunkSize: chunkSize, capacity: capacity)
      #expect(batched.records == expected, "batches of \(capacity)")
      #expect(batched.records.map(\.fields.count).max() == 87)
    }
  }
}
