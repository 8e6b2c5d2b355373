import PioneerRules
import PioneerTestSupport
import Testing

@testable import PioneerRecords

@Suite struct ValueCacheKeyTests {
  /// What `cache` holds for `bytes`, at home or in the spill slot.
  private func lookup(_ cache: ValueCache, _ bytes: some Collection<UInt8>) -> Value? {
    Array(bytes).withUnsafeBufferPointer { cache.value(for: $0) ?? cache.spilledValue(for: $0) }
  }

  @Test func cellsOfEveryLengthThatDifferInOneByteNeverShareAValue() {
    var generator = SplitMix64(seed: 13)
    let cache = ValueCache()
    for length in 1...ValueCache.maximumLength {
      for position in 0..<length {
        let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
        var changed = bytes
        changed[position] &+= UInt8.random(in: 1...255, using: &generator)
        let value = Value.member(length * 100 + position)
        for _ in 0..<ValueCache.warmUp {
          bytes.withUnsafeBufferPointer { cache.store(value, for: $0) }
        }
        #expect(lookup(cache, bytes) == value)
        #expect(lookup(cache, changed) == nil)
        // A cell one byte shorter, a prefix, is another cell too.
        #expect(lookup(cache, bytes.dropLast()) != value)
      }
    }
  }

  @Test func twoCellsWithOneHomeBothStayCachedAndAThirdReplacesTheOneAtHome() throws {
    // Find three counts whose cells have the same home slot.
    var byHome: [Int: [String]] = [:]
    var shared: [String] = []
    for number in 0..<100_000 where shared.isEmpty {
      var text = "\(number)"
      guard let home = text.withUTF8({ ValueCache.slot(of: $0) }) else { continue }
      byHome[home, default: []].append(text)
      if let texts = byHome[home], texts.count == 3 { shared = texts }
    }
    try #require(shared.count == 3)
    let cache = ValueCache()
    func store(_ index: Int) {
      var text = shared[index]
      text.withUTF8 { cache.store(.member(index), for: $0) }
    }
    func cached(_ index: Int) -> Value? {
      lookup(cache, shared[index].utf8)
    }
    for _ in 0..<ValueCache.warmUp { store(0) }
    store(1)
    #expect(cached(0) == .member(0))
    #expect(cached(1) == .member(1))
    // With the spill slot taken, a third replaces the cell at home.
    store(2)
    #expect(cached(0) == nil)
    #expect(cached(1) == .member(1))
    #expect(cached(2) == .member(2))
  }
}
