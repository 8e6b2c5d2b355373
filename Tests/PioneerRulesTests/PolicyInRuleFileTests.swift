import Foundation
import Testing

@testable import PioneerRules

/// The award's policy lives in the rule file, not in Swift: editing a number in a copy of
/// Rules/r3.rules changes the outcome with no code change.
@Suite struct PolicyInRuleFileTests {
  /// Rules/r3.rules with one line's `old` replaced by `new`; the replacement must happen once.
  static func r3(replacing old: String, with new: String) throws -> RuleSet {
    let lines = R3.text.split(separator: "\n", omittingEmptySubsequences: false)
    let hits = lines.indices.filter { lines[$0].contains(old) }
    try #require(hits.count == 1, "'\(old)' occurs on exactly one line of r3.rules")
    var edited = lines.map(String.init)
    edited[hits[0]] = edited[hits[0]].replacingOccurrences(of: old, with: new)
    return try RuleSet.load(text: edited.joined(separator: "\n"), name: "r3-edited.rules")
  }

  /// A large firm meeting every criterion, with 28% of its regular employees covered.
  static let twentyEightPercent = R3.allMet([
    "regular_employees": R3.count(1000), "eligible_employees": R3.count(280),
    "teleworkers": R3.count(250),
  ])

  @Test func raisingTheCoverageThresholdToThirtyPercentMovesATwentyEightPercentApplicantToPioneer()
    throws
  {
    #expect(R3.outcome(Self.twentyEightPercent) == "hyakusen")
    let stricter = try Self.r3(
      replacing: "en \"coverage threshold\" = 25%", with: "en \"coverage threshold\" = 30%")
    #expect(R3.criterion("H1", Self.twentyEightPercent, ruleSet: stricter) == .no)
    #expect(R3.outcome(Self.twentyEightPercent, ruleSet: stricter) == "pioneer")
    // Nothing else moved: the other criteria still pass.
    for id in ["P1", "P2", "P3", "P4", "H2", "H3", "H4"] {
      #expect(R3.criterion(id, Self.twentyEightPercent, ruleSet: stricter) == .yes, "\(id)")
    }
  }

  @Test func switchingOnTheCabinetOrderRelaxationMakesAFifteenPersonHotelSmall() throws {
    let hotel = R3.allMet([
      "jsic_code": R3.code("75"), "total_employees": R3.count(15),
      "regular_employees": R3.count(15), "eligible_employees": R3.count(6),
      "teleworkers": R3.count(6),
    ])
    #expect(R3.value("small_business", hotel) == .boolean(false))
    #expect(R3.outcome(hotel) == "hyakusen")  // 40% ≥ 25%
    let relaxed = try Self.r3(
      replacing: "for lodging and amusement\" = false", with: "for lodging and amusement\" = true")
    #expect(R3.value("small_business", hotel, ruleSet: relaxed) == .boolean(true))
    #expect(R3.outcome(hotel, ruleSet: relaxed) == "pioneer")  // 40% < 50%
  }
}
