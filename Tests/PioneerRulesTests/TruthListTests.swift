import PioneerTestSupport
import Testing

@testable import PioneerRules

/// A verdict's truths, packed two bits each up to 32 and kept in an array beyond.
@Suite struct TruthListTests {
  static func truths(_ count: Int, seed: UInt64) -> [Truth] {
    var random = SplitMix64(seed: seed)
    return (0..<count).map { _ in [Truth.yes, .no, .unknown].randomElement(using: &random)! }
  }

  @Test(arguments: [0, 1, 2, 31, 32, 33, 64, 100])
  func listGivesBackWhatWasAppendedInOrder(count: Int) {
    let truths = Self.truths(count, seed: UInt64(count))
    let list = TruthList(truths)
    #expect(list.count == count)
    #expect(Array(list) == truths)
    #expect(list[safe: count] == nil)
    #expect(list[safe: -1] == nil)
  }

  @Test func listsWithTheSameTruthsAreEqualAndHashAlike() {
    for count in [5, 32, 40] {
      let truths = Self.truths(count, seed: 7)
      var appended = TruthList()
      for truth in truths { appended.append(truth) }
      #expect(appended == TruthList(truths))
      #expect(appended.hashValue == TruthList(truths).hashValue)
      #expect(TruthList(truths.dropLast()) != TruthList(truths))
    }
  }

  @Test func outOfRangePositionReadsUnknownRatherThanTrapping() {
    let list: TruthList = [.yes, .no]
    #expect(list[2] == .unknown)
    #expect(list[-1] == .unknown)
    #expect(list.description == Array(list).description)
  }
}
