import Testing

@testable import PioneerRules

/// criteria.md §9, the public worked examples, evaluated against Rules/r3.rules.
@Suite struct WorkedExamplesTests {
  @Test func largeFirmMeetingEveryCriterionIsHyakusen() {
    #expect(R3.outcome(R3.allMet()) == "hyakusen")
  }

  @Test func smallRetailerAtFiftyPercentIsHyakusen() {
    let fields = R3.allMet([
      "jsic_code": R3.code("58"), "total_employees": .number(ExactNumber(4)),
      "regular_employees": .number(ExactNumber(4)), "eligible_employees": .number(ExactNumber(2)),
      "teleworkers": .number(ExactNumber(1)), "avg_telework_days": R3.number("4"),
      "telework_rule": R3.member("telework_rule", "個別規程"),
    ])
    #expect(R3.outcome(fields) == "hyakusen")
  }

  @Test func smallRetailerAtTwentyFivePercentIsOnlyPioneer() {
    let fields = R3.allMet([
      "jsic_code": R3.code("58"), "total_employees": .number(ExactNumber(4)),
      "regular_employees": .number(ExactNumber(4)), "eligible_employees": .number(ExactNumber(1)),
      "teleworkers": .number(ExactNumber(1)), "avg_telework_days": R3.number("4"),
    ])
    #expect(R3.outcome(fields) == "pioneer")
    #expect(R3.criterion("H1", fields) == .no)
  }

  @Test func sixPersonRetailerIsNotSmallSoTwentyFivePercentSuffices() {
    let fields = R3.allMet([
      "jsic_code": R3.code("58"), "total_employees": .number(ExactNumber(6)),
      "regular_employees": .number(ExactNumber(6)), "eligible_employees": .number(ExactNumber(2)),
      "teleworkers": .number(ExactNumber(1)), "avg_telework_days": R3.number("4"),
    ])
    #expect(R3.outcome(fields) == "hyakusen")
  }

  @Test func npoIsNeverSmall() {
    let fields = R3.allMet([
      "org_type": R3.member("org_type", "特定非営利活動法人"), "jsic_code": .missing,
      "total_employees": .number(ExactNumber(3)), "regular_employees": .number(ExactNumber(3)),
      "eligible_employees": .number(ExactNumber(1)), "teleworkers": .number(ExactNumber(1)),
    ])
    #expect(R3.outcome(fields) == "hyakusen")
  }

  @Test func recentViolationIsNotSelected() {
    let fields = R3.allMet(["last_violation_date": R3.date(2021, 3, 1)])
    #expect(R3.outcome(fields) == "not_selected")
    #expect(R3.criterion("P3", fields) == .no)
  }

  @Test func violationOnTheAnniversaryPassesP3() {
    #expect(R3.criterion("P3", R3.allMet(["last_violation_date": R3.date(2020, 10, 12)])) == .yes)
    #expect(R3.criterion("P3", R3.allMet(["last_violation_date": R3.date(2020, 10, 13)])) == .no)
  }

  @Test func hundredTeleworkersPassH2AtTwentyFivePercent() {
    let fields = R3.allMet([
      "eligible_employees": .number(ExactNumber(400)), "teleworkers": .number(ExactNumber(100)),
    ])
    #expect(R3.criterion("H2", fields) == .yes)
    let fewer = R3.allMet(["teleworkers": .number(ExactNumber(99))])
    #expect(R3.criterion("H2", fewer) == .no)
  }

  @Test func missingDaysAreIndeterminate() {
    let fields = R3.allMet(["avg_telework_days": .missing])
    #expect(R3.outcome(fields) == "indeterminate")
    #expect(R3.criterion("H3", fields) == .unknown)
  }

  @Test func noRuleIsNotSelectedEvenWithDaysMissing() {
    let fields = R3.allMet([
      "telework_rule": R3.member("telework_rule", "なし"), "avg_telework_days": .missing,
    ])
    #expect(R3.outcome(fields) == "not_selected")
  }
}
