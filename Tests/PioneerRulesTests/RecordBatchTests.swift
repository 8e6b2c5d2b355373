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
}
