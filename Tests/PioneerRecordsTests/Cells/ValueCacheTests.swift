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

  /// Which values a hit may copy as bytes: only those that hold no reference. A text, code,
  /// list or `oneOf` copied so would not be retained, and would be freed while in use.
  @Test func onlyValuesHoldingNoReferenceAreCopiedAsBytes() {
    let code = IndustryCode(text: "58", path: ["58", "I"])
    let date = CivilDate(year: 2021, month: 9, day: 1).map(Value.date) ?? .missing
    for value in [Value.text("企業"), .code(code), .list([.none]), .oneOf([.none, .boolean(true)])] {
      #expect(value.holdsReference, "\(value)")
    }
    for value in [
      Value.missing, .number(ExactNumber(7)), date, .none, .boolean(false), .member(2),
      .duration(1, .years),
    ] {
      #expect(!value.holdsReference, "\(value)")
    }
  }

  /// A hit copied in place is a value of its own, whether it was copied as bytes (a date) or
  /// retained (a long text): it outlives the other copies and the cache.
  @Test func copiesInPlaceOutliveEachOtherAndTheCache() {
    let date = CivilDate(year: 2021, month: 9, day: 1).map(Value.date) ?? .missing
    for (key, makeValue) in [
      ("long", { Value.text(String(repeating: "企業", count: 20)) }), ("date", { date }),
    ] {
      let copies = UnsafeMutablePointer<Value>.allocate(capacity: 100)
      defer { copies.deallocate() }
      do {
        let cache = ValueCache()
        let value = makeValue()
        for _ in 0..<ValueCache.warmUp { withBytes(key) { cache.store(value, for: $0) } }
        for index in 0..<100 {
          #expect(withBytes(key) { cache.copyValue(for: $0, to: copies + index) })
        }
        (copies + 1).deinitialize(count: 99)
      }
      #expect(copies[0] == makeValue())
      copies.deinitialize(count: 1)
    }
  }

  @Test func aFailedCellIsNotCachedAndFailsAgain() {
    let parser = CellParser(input: TestSchema.input("teleworkers"), schema: TestSchema.schema)
    #expect(throws: CellError.self) { try parser.parse("abc").get() }
    #expect(throws: CellError.self) { try parser.parse("abc").get() }
  }
}
