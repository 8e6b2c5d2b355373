import Testing

@testable import PioneerRules

/// A record batch keeps many records in one buffer; each reads back as it went in, the batch
/// grows past its first capacity, and a read out of range is `missing`, never a trap.
@Suite struct RecordBatchTests {
  static let records: [Record] = (0..<37).map { index in
    let third: Value = index % 3 == 0 ? .missing : .none
    return Record(
      line: index + 2, values: [.text("A-\(index)"), .number(ExactNumber(Int64(index))), third])
  }

  @Test func recordsReadBackAsTheyWereAppendedPastTheFirstCapacity() {
    let batch = RecordBatch(width: 3, capacity: 2)
    for record in Self.records { batch.append(record) }
    #expect(batch.count == Self.records.count)
    #expect((0..<batch.count).compactMap(batch.record(at:)) == Self.records)
    #expect(batch.lines == Self.records.map(\.line))
  }

  @Test func aShortRecordIsPaddedWithMissingAndALongOneCut() {
    let batch = RecordBatch(width: 2, capacity: 1)
    batch.append(Record(line: 2, values: [.boolean(true)]))
    batch.append(Record(line: 3, values: [.boolean(true), .none, .member(1)]))
    #expect(batch.record(at: 0) == Record(line: 2, values: [.boolean(true), .missing]))
    #expect(batch.record(at: 1) == Record(line: 3, values: [.boolean(true), .none]))
  }

  @Test func readingOutOfRangeGivesMissing() {
    let batch = RecordBatch(width: 3, records: Array(Self.records.prefix(2)))
    #expect(batch.value(record: 0, slot: 1) == .number(ExactNumber(0)))
    #expect(batch.value(record: 2, slot: 0) == .missing)
    #expect(batch.value(record: -1, slot: 0) == .missing)
    #expect(batch.value(record: 0, slot: 3) == .missing)
    #expect(batch.record(at: 2) == nil)
    #expect(RecordBatch(width: 0).record(at: 0) == nil)
  }

  @Test func aRecordsValuesReadInPlaceAreItsValuesAndNoneOutOfRange() throws {
    let batch = RecordBatch(width: 3, records: Self.records)
    for index in 0..<batch.count {
      let values = try #require(batch.values(ofRecord: index))
      let inPlace = (0..<3).map { values[$0] }
      #expect(inPlace == (0..<3).map { batch.value(record: index, slot: $0) })
    }
    #expect(batch.values(ofRecord: batch.count) == nil)
    #expect(batch.values(ofRecord: -1) == nil)
    #expect(batch.values(ofRecord: .min) == nil)
    #expect(RecordBatch(width: 0).values(ofRecord: 0) == nil)
  }

  /// Text columns: slot 0 keeps its value as well as its bytes, slot 2 only its bytes.
  static let textColumns = [
    RecordBatch.TextColumn(slot: 0, keepsValue: true),
    RecordBatch.TextColumn(slot: 2, keepsValue: false),
  ]

  @Test func textsOfTextColumnsAreKeptAsBytesAndReadBackInTheirRecords() {
    let records = [
      Record(line: 2, values: [.text("A-1"), .number(ExactNumber(1)), .text("ＡＢ社")]),
      Record(line: 3, values: [.missing, .none, .missing]),
      Record(line: 4, values: [.text(""), .none, .text("")]),  // empty, but a text
      Record(line: 5, values: [.text("長いIDは小さなStringに収まらない"), .none, .boolean(true)]),
    ]
    let batch = RecordBatch(width: 3, capacity: 1, textColumns: Self.textColumns)
    for record in records { batch.append(record) }
    #expect((0..<batch.count).compactMap(batch.record(at:)) == records)
    for (index, record) in records.enumerated() {
      for column in 0..<2 {
        let slot = Self.textColumns[column].slot
        let bytes = batch.text(record: index, column: column).map { Array($0) }
        guard case .text(let text) = record.values[slot] else {
          #expect(bytes == nil)
          continue
        }
        #expect(bytes == Array(text.utf8))
        #expect(batch.value(record: index, slot: slot) == .text(text))
      }
    }
    // Only the column that keeps its value has a text in the slot the evaluator reads.
    #expect(batch.values(ofRecord: 0)?[0] == .text("A-1"))
    #expect(batch.values(ofRecord: 0)?[2] == .missing)
    #expect(!batch.isMissing(record: 0, slot: 2) && batch.isMissing(record: 1, slot: 2))
    #expect(batch.values(ofRecord: 3)?[2] == .boolean(true))
  }

  @Test func twoTextsOfARecordReadTogetherAreThoseReadOneByOne() {
    let batch = RecordBatch(width: 3, capacity: 1, textColumns: Self.textColumns)
    for index in 0..<5 {
      batch.append(
        Record(
          line: index,
          values: [.text("ID\(index)"), .none, index == 2 ? .missing : .text("名\(index)")]))
    }
    for index in -1...5 {
      let (first, second) = batch.texts(record: index, 0, 1)
      let one = batch.text(record: index, column: 0).map { Array($0) }
      let two = batch.text(record: index, column: 1).map { Array($0) }
      #expect(first.map { Array($0) } == one && second.map { Array($0) } == two)
      #expect((0..<5).contains(index) == (one != nil))
    }
    #expect(batch.texts(record: 2, 0, 1).1 == nil)
    #expect(batch.texts(record: 0, 1, 2).1 == nil)  // no such column
  }

  @Test func aTextIsSetOnlyOnTheRecordBeingAppended() {
    let batch = RecordBatch(width: 3, textColumns: Self.textColumns)
    let bytes: [UInt8] = Array("X".utf8)
    bytes.withUnsafeBufferPointer { batch.setText($0, column: 1) }  // no record yet
    batch.appendRecord(line: 2) { values in
      for slot in 0..<3 { (values + slot).initialize(to: .missing) }
      bytes.withUnsafeBufferPointer {
        batch.setText($0, column: 1)
        batch.setText($0, column: 2)  // no such column
        batch.setText($0, column: -1)
      }
    }
    bytes.withUnsafeBufferPointer { batch.setText($0, column: 0) }  // appended already
    #expect(batch.record(at: 0) == Record(line: 2, values: [.missing, .missing, .text("X")]))
    #expect(batch.text(record: 0, column: 0) == nil)
    #expect(batch.text(record: 1, column: 1) == nil)
    #expect(batch.text(record: -1, column: 1) == nil)
  }

  @Test func aTextColumnOutsideTheRecordIsLeftOut() {
    let batch = RecordBatch(
      width: 2, textColumns: [.init(slot: 2, keepsValue: false), .init(slot: -1, keepsValue: true)])
    #expect(batch.textColumns.isEmpty)
  }
}

#if os(Linux)
  import Foundation

  /// Freeing a batch destroys every value that holds a reference, in whichever slot it lies:
  /// the batch reads only the slots its records put references in, and must not miss one.
  @Suite struct RecordBatchFreeingTests {
    /// The process's resident memory in bytes (`/proc/self/statm`), nil if unreadable.
    static func residentBytes() -> Int? {
      guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else {
        return nil
      }
      let fields = statm.split(separator: " ")
      guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
      return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    @Test func textsAndListsInAnySlotAreFreedWithTheBatch() throws {
      let text = String(repeating: "長い名前", count: 100)  // 1,200 bytes: on the heap
      let width = 70
      let before = try #require(Self.residentBytes())
      // 320 batches of 1,000 records, a text in slot 2 and in slot 66 (past the slots whose
      // references are tracked one by one) and a list in slot 5 of every third: leaked,
      // they would hold about 800 MB; freed, each batch reuses the last one's memory.
      for _ in 0..<320 {
        let batch = RecordBatch(width: width, capacity: 16)
        for index in 0..<1000 {
          var values = [Value](repeating: .missing, count: width)
          values[2] = .text(text + String(index))
          values[66] = .text(String(index) + text)
          if index % 3 == 0 { values[5] = .list([.text(text + "!"), .number(.one)]) }
          batch.append(Record(line: index + 2, values: values))
        }
        #expect(batch.value(record: 999, slot: 66) == .text("999" + text))
      }
      // Other tests allocate meanwhile, but not hundreds of megabytes.
      let after = try #require(Self.residentBytes())
      #expect(after - before < 256 << 20)
    }
  }
#endif
