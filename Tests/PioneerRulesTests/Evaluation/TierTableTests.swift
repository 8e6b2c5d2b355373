import PioneerTestSupport
import Testing

@testable import PioneerRules

/// Tiers and outcomes read off the criteria's packed codes with masks agree with the
/// definition: Kleene `and` over a tier's criteria and the tier it requires, the highest tier
/// that holds, blocked by an undecided one.
@Suite struct TierTableTests {
  /// The award's shape: pioneer P1–P4, hyakusen H1–H4 requiring pioneer.
  static let award = (criteria: [[0, 1, 2, 3], [4, 5, 6, 7]], requires: [nil, 0] as [Int?])

  /// The definition, written the plain way.
  static func reference(_ truths: [Truth], _ criteria: [[Int]], _ requires: [Int?]) -> (
    [Truth], Outcome
  ) {
    var tiers: [Truth] = []
    for (index, own) in criteria.enumerated() {
      var truth = Truth.yes
      for criterion in own {
        truth = truth && (criterion >= 0 && criterion < truths.count ? truths[criterion] : .unknown)
      }
      if let required = requires[index], required < index { truth = tiers[required] && truth }
      tiers.append(truth)
    }
    var outcome = Outcome.notSelected
    for index in tiers.indices.reversed() {
      if tiers[index] == .yes {
        outcome = .tier(index)
        break
      }
      if tiers[index] == .unknown {
        outcome = .indeterminate
        break
      }
    }
    return (tiers, outcome)
  }

  static func check(_ truths: [Truth], _ table: TierTable) {
    let (tiers, outcome) = table.tiersAndOutcome(TruthList(truths))
    let (expectedTiers, expectedOutcome) = reference(truths, table.tierCriteria, table.tierRequires)
    #expect(Array(tiers) == expectedTiers, "\(truths)")
    #expect(outcome == expectedOutcome, "\(truths)")
  }

  @Test func everyCombinationOfTheAwardsEightCriteriaGivesTheDefinedTiersAndOutcome() {
    let table = TierTable(
      tierCriteria: Self.award.criteria, tierRequires: Self.award.requires, criterionCount: 8)
    for combination in 0..<6561 {  // 3^8
      var rest = combination
      var truths: [Truth] = []
      for _ in 0..<8 {
        truths.append([Truth.no, .yes, .unknown][rest % 3])
        rest /= 3
      }
      Self.check(truths, table)
    }
  }

  @Test func aTierRequiringAHigherTierAndATierWithNoCriteriaFollowTheDefinition() {
    let table = TierTable(
      tierCriteria: [[0], [], [1, 2], [2]], tierRequires: [2, nil, 1, 0], criterionCount: 3)
    for combination in 0..<27 {
      let truths = [combination % 3, combination / 3 % 3, combination / 9].map {
        [Truth.no, .yes, .unknown][$0]
      }
      Self.check(truths, table)
    }
  }

  @Test func aNegativeRequiredTierReadsAsUnknownOnBothPaths() {
    // The checker never makes one; the packed path must still not trap on it, and must give
    // what the criterion-by-criterion path gives, where the tier's truth out of range is unknown.
    let table = TierTable(tierCriteria: [[0], [1]], tierRequires: [nil, -1], criterionCount: 2)
    for (truths, tier) in [([Truth.yes, .yes], Truth.unknown), ([.yes, .no], .no)] {
      let (tiers, outcome) = table.tiersAndOutcome(TruthList(truths))
      #expect(Array(tiers) == [.yes, tier])
      #expect(outcome == (tier == .no ? .tier(0) : .indeterminate))
    }
  }

  @Test(arguments: [31, 32, 33, 40])
  func longListsShortListsAndCriteriaOutOfRangeFollowTheDefinition(count: Int) {
    var random = SplitMix64(seed: UInt64(count))
    let inRange = TierTable(
      tierCriteria: [Array(0..<count / 2), Array(count / 2..<count), [count - 1]],
      tierRequires: [nil, 0, 1], criterionCount: count)
    let outOfRange = TierTable(
      tierCriteria: [Array(0..<count / 2), [count + 3]], tierRequires: [nil, 0],
      criterionCount: count)
    for _ in 0..<200 {
      let truths = (0..<count).map { _ in
        [Truth.yes, .yes, .yes, .no, .unknown].randomElement(using: &random) ?? .yes
      }
      for table in [inRange, outOfRange] {
        Self.check(truths, table)
        Self.check(Array(truths.dropLast()), table)
      }
    }
  }
}
