import Testing

@testable import PioneerRecords

/// The blocked filter's false positives stay as rare as the classic filter's were.
@Suite struct BloomFilterTests {
  /// At 13.4 bits an id — the fewest the scan gives, at ten million 110-byte rows — fewer
  /// than 1 in 200 new ids read as present (about 1 in 450 expected).
  @Test func theFalsePositiveRateAtThirteenBitsAnIdIsUnderHalfAPercent() {
    let bits = 1 << 22
    let filter = BloomFilter(bits: bits)
    let count = Int(Double(bits) / 13.4)
    for index in 0..<count {
      var id = "R\(index)"
      _ = id.withUTF8 { filter.insert(hash: IDIndex.hash64($0)) }
    }
    // Each query adds its id too: few enough queries that the filter stays near 13.4 bits.
    var present = 0
    let trials = count / 20
    for index in 0..<trials {
      var id = "Q\(index)"
      if id.withUTF8({ filter.insert(hash: IDIndex.hash64($0)) }) { present += 1 }
    }
    let rate = Double(present) / Double(trials)
    #expect(rate < 0.005, "false-positive rate \(rate)")
  }
}
