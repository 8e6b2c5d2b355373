import Testing

@testable import PioneerRules

/// The edges of every criterion, against the real Rules/r3.rules: "以上" includes its bound
/// (criteria.md §5), comparisons are exact, and the reference date falls back as §5 says.
@Suite struct CriteriaBoundaryTests {
  // MARK: H1 — coverage ≥ 25% (≥ 50% for a small business)

  @Test func exactlyTwentyFivePercentPassesH1ForANonSmallBusiness() {
    let fields = R3.allMet(["eligible_employees": R3.count(250), "teleworkers": R3.count(125)])
    #expect(R3.value("small_business", fields) == .boolean(false))
    #expect(R3.criterion("H1", fields) == .yes)
  }

  @Test func justBelowTwentyFivePercentFailsH1() {
    let fields = R3.allMet(["eligible_employees": R3.count(249), "teleworkers": R3.count(125)])
    #expect(R3.criterion("H1", fields) == .no)  // 24.9%
    let finer = R3.allMet([
      "total_employees": R3.count(10_000), "regular_employees": R3.count(10_000),
      "eligible_employees": R3.count(2_499), "teleworkers": R3.count(1_250),
    ])
    #expect(R3.criterion("H1", finer) == .no)  // 24.99%
  }

  /// A manufacturer (JSIC 09) with at most 20 regular employees is a small business.
  static func smallManufacturer(regular: Int64, eligible: Int64) -> [String: Value] {
    R3.allMet([
      "jsic_code": R3.code("09"), "total_employees": R3.count(regular),
      "regular_employees": R3.count(regular), "eligible_employees": R3.count(eligible),
      "teleworkers": R3.count(eligible),
    ])
  }

  @Test func exactlyFiftyPercentPassesH1ForASmallBusiness() {
    let fields = Self.smallManufacturer(regular: 20, eligible: 10)
    #expect(R3.value("small_business", fields) == .boolean(true))
    #expect(R3.criterion("H1", fields) == .yes)
    #expect(R3.outcome(fields) == "hyakusen")
  }

  @Test func justBelowFiftyPercentFailsH1ForASmallBusiness() {
    let fields = Self.smallManufacturer(regular: 19, eligible: 9)  // 47.4%
    #expect(R3.value("small_business", fields) == .boolean(true))
    #expect(R3.criterion("H1", fields) == .no)
    #expect(R3.outcome(fields) == "pioneer")
  }

  @Test func oneMoreEmployeeEndsSmallBusinessAndItsFiftyPercentThreshold() {
    let fields = Self.smallManufacturer(regular: 21, eligible: 9)  // 42.9%, not small
    #expect(R3.value("small_business", fields) == .boolean(false))
    #expect(R3.criterion("H1", fields) == .yes)
  }

  // MARK: H2 — ≥ 100 teleworkers, or ≥ 50% of the covered employees

  @Test func exactlyOneHundredTeleworkersPassH2() {
    let fields = R3.allMet(["eligible_employees": R3.count(400), "teleworkers": R3.count(100)])
    #expect(R3.criterion("H2", fields) == .yes)  // 25% of the covered, but 100 persons
  }

  @Test func ninetyNineTeleworkersBelowFiftyPercentFailH2() {
    let fields = R3.allMet(["eligible_employees": R3.count(400), "teleworkers": R3.count(99)])
    #expect(R3.criterion("H2", fields) == .no)
  }

  @Test func exactlyFiftyPercentOfTheCoveredPassesH2() {
    let fields = R3.allMet(["eligible_employees": R3.count(100), "teleworkers": R3.count(50)])
    #expect(R3.criterion("H2", fields) == .yes)
  }

  @Test func justUnderFiftyPercentOfTheCoveredFailsH2() {
    #expect(
      R3.criterion(
        "H2", R3.allMet(["eligible_employees": R3.count(100), "teleworkers": R3.count(49)]))
        == .no)
    #expect(
      R3.criterion(
        "H2", R3.allMet(["eligible_employees": R3.count(199), "teleworkers": R3.count(99)]))
        == .no)  // 49.7%
  }

  @Test func noneCoveredAndNoneTeleworkingFailsH2WithoutDividingByZero() {
    let fields = R3.allMet([
      "eligible_employees": R3.count(0), "teleworkers": R3.count(0),
      "avg_telework_days": R3.number("0"),
    ])
    #expect(R3.criterion("H2", fields) == .no)
    #expect(R3.criterion("H1", fields) == .no)
    #expect(R3.criterion("P2", fields) == .no)
    #expect(R3.outcome(fields) == "not_selected")
  }

  // MARK: H3 — at least 4 days a month, compared exactly

  @Test(arguments: ["4", "4.00", "4.0", "31"])
  func fourDaysOrMorePassH3(days: String) {
    #expect(R3.criterion("H3", R3.allMet(["avg_telework_days": R3.number(days)])) == .yes)
  }

  @Test(arguments: ["3.99", "3.999999", "0"])
  func lessThanFourDaysFailsH3(days: String) {
    #expect(R3.criterion("H3", R3.allMet(["avg_telework_days": R3.number(days)])) == .no)
  }

  // MARK: P3 — no serious violation in the year before the reference date

  @Test func violationOnTheAnniversaryOfTheApplicationPassesP3() {
    let fields = R3.allMet([
      "application_date": R3.date(2021, 10, 12), "last_violation_date": R3.date(2020, 10, 12),
    ])
    #expect(R3.criterion("P3", fields) == .yes)
  }

  @Test func violationTheDayAfterTheAnniversaryFailsP3() {
    let fields = R3.allMet([
      "application_date": R3.date(2021, 10, 12), "last_violation_date": R3.date(2020, 10, 13),
    ])
    #expect(R3.criterion("P3", fields) == .no)
    #expect(R3.outcome(fields) == "not_selected")
  }

  @Test func leapDayApplicationLooksBackToTheTwentyEighthOfFebruary() {
    let onTheDay = R3.allMet([
      "application_date": R3.date(2024, 2, 29), "last_violation_date": R3.date(2023, 2, 28),
    ])
    #expect(R3.criterion("P3", onTheDay) == .yes)
    let dayAfter = R3.allMet([
      "application_date": R3.date(2024, 2, 29), "last_violation_date": R3.date(2023, 3, 1),
    ])
    #expect(R3.criterion("P3", dayAfter) == .no)
  }

  @Test func missingApplicationDateFallsBackToTheAsOfArgument() throws {
    let asOf = try #require(CivilDate(year: 2022, month: 6, day: 1))
    let anniversary = R3.allMet(["last_violation_date": R3.date(2021, 6, 1)])
    #expect(R3.value("reference_date", anniversary, asOf: asOf) == .date(asOf))
    #expect(R3.criterion("P3", anniversary, asOf: asOf) == .yes)
    // The same record judged on the default date (2021-10-12) has a violation in its year.
    #expect(R3.criterion("P3", anniversary) == .no)
    let dayAfter = R3.allMet(["last_violation_date": R3.date(2021, 6, 2)])
    #expect(R3.criterion("P3", dayAfter, asOf: asOf) == .no)
  }

  @Test func withNeitherApplicationDateNorAsOfTheRuleSetDefaultIsUsed() throws {
    #expect(R3.ruleSet.defaultReferenceDate == CivilDate(year: 2021, month: 10, day: 12))
    #expect(R3.value("reference_date", R3.allMet()) == R3.date(2021, 10, 12))
    let anniversary = R3.allMet(["last_violation_date": R3.date(2020, 10, 12)])
    #expect(R3.criterion("P3", anniversary) == .yes)
    let dayAfter = R3.allMet(["last_violation_date": R3.date(2020, 10, 13)])
    #expect(R3.criterion("P3", dayAfter) == .no)
  }

  @Test func applicationDateWinsOverTheAsOfArgument() throws {
    let asOf = try #require(CivilDate(year: 2030, month: 1, day: 1))
    let fields = R3.allMet([
      "application_date": R3.date(2021, 10, 12), "last_violation_date": R3.date(2021, 3, 1),
    ])
    #expect(R3.value("reference_date", fields, asOf: asOf) == R3.date(2021, 10, 12))
    #expect(R3.criterion("P3", fields, asOf: asOf) == .no)
  }
}
