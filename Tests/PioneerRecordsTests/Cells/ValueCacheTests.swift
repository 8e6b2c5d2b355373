import PioneerRules
import Testing

@testable import PioneerRecords

@Suite struct ValueCacheTests {
  private func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    var copy = text
    return copy.withUTF8(body)
  }

  @Test func theFirstValuesAreNotCachedSoAShortFileBuildsNoTable() {
    let cache = ValueCache()
    withBytes("2021-09-01") { cache.store(.boolean(true), for: $0) }
    #expect(withBytes("2021-09-01") { cache.value(for: $0) } == nil)
  }

  @Test func aCachedValueComesBackOnlyForTheSameBytes() {
    let cache = ValueCache()
    for _ in 0..<ValueCache.warmUp {
      withBytes("2021-09-01") { cache.store(.boolean(true), for: $0) }
    }
    #expect(withBytes("2021-09-01") { cache.value(for: $0) } == .boolean(true))
    #expect(withBytes("2021-09-02") { cache.value(for: $0) } == nil)
    #expect(withBytes("2021-09-0") { cache.value(for: $0) } == nil)
  }

  @Test func cellsLongerThan32BytesAreNotCached() {
    let cache = ValueCache()
    let long = String(repeating: "9", count: 33)
    withBytes(long) { cache.store(.boolean(true), for: $0) }
    #expect(withBytes(long) { cache.value(for: $0) } == nil)
  }

  @Test func readingManyDistinctCellsTwiceGivesTheSameValues() {
    // More distinct cells than slots, so entries are replaced along the way.
    let parser = CellParser(input: TestSchema.input("total_employees"), schema: TestSchema.schema)
    let texts = (0..<5000).map { $0 % 3 == 0 ? "\($0)人" : "\($0)" }
    let first = texts.map { try? parser.parse($0).get() }
    let second = texts.reversed().map { try? parser.parse($0).get() }
    #expect(first == Array(second.reversed()))
    #expect(first[3] == number(3))
    #expect(first[4999] == number(4999))
  }

  @Test func aFailedCellIsNotCachedAndFailsAgain() {
    let parser = CellParser(input: TestSchema.input("teleworkers"), schema: TestSchema.schema)
    #expect(throws: CellError.self) { try parser.parse("abc").get() }
    #expect(throws: CellError.self) { try parser.parse("abc").get() }
  }
}
