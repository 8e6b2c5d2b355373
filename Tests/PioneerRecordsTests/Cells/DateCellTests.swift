import PioneerRules
import Testing

@testable import PioneerRecords

@Suite struct DateCellTests {
  @Test(arguments: [
    ("2021-09-01", 2021, 9, 1), ("2021/9/1", 2021, 9, 1), ("2021.9.1", 2021, 9, 1),
    ("2021年9月1日", 2021, 9, 1), ("令和3年9月1日", 2021, 9, 1), ("令和元年5月1日", 2019, 5, 1),
    ("R3.9.1", 2021, 9, 1), ("R03/09/01", 2021, 9, 1), ("H31.4.30", 2019, 4, 30),
    ("平成31年4月30日", 2019, 4, 30), ("S64.1.7", 1989, 1, 7), ("r3.9.1", 2021, 9, 1),
    ("２０２１－０９－０１", 2021, 9, 1), ("㍻31年4月30日", 2019, 4, 30), ("H元.1.8", 1989, 1, 8),
    ("平成元年1月8日", 1989, 1, 8), ("昭和元年12月25日", 1926, 12, 25), ("R1-5-1", 2019, 5, 1),
    ("2024-02-29", 2024, 2, 29), (" 2021/09/01 ", 2021, 9, 1),
  ])
  func acceptedDates(text: String, year: Int, month: Int, day: Int) {
    #expect(value(text, "application_date") == date(year, month, day))
  }

  @Test(arguments: ["2021-02-30", "2021-13-01", "2021-04-31", "H31.2.29", "2023年2月29日"])
  func datesThatDoNotExistAreRejected(text: String) {
    #expect(reason(text, "application_date") == .noSuchDate)
  }

  @Test(arguments: [
    ("平成31年5月1日", "平成"), ("令和0年1月1日", "令和"), ("令和元年4月30日", "令和"),
    ("H1.1.7", "平成"), ("S64.1.8", "昭和"), ("S1.12.24", "昭和"), ("H32.1.1", "平成"),
  ])
  func datesOutsideTheirEraAreRejected(text: String, era: String) {
    guard case .outsideEra(let found) = reason(text, "application_date") else {
      Issue.record("\(text) was not rejected as outside its era")
      return
    }
    #expect(found.name == era)
  }

  @Test(arguments: [
    "2021/09-01", "21/9/1", "2021-09-01x", "大正10年1月1日", "abc", "2021-9", "2021年9月1",
    "令和三年九月一日", "R.3.9.1", "X3.9.1", "2021-009-01", "R123.1.1", "20210901",
  ])
  func malformedDatesAreRejected(text: String) {
    #expect(reason(text, "application_date") == .expected(.date))
  }

  @Test(arguments: [("なし", true), ("無", true), ("NONE", true), ("None", true)])
  func noneWordsMeanNoViolation(text: String, _: Bool) {
    #expect(value(text, "last_violation_date") == Value.none)
  }

  @Test func aDateOrNoneColumnStillReadsDates() {
    #expect(value("令和2年3月1日", "last_violation_date") == date(2020, 3, 1))
  }

  @Test func aDateOrNoneColumnNamesBothFormsWhenNeitherReads() {
    #expect(
      reason("ない", "last_violation_date") == .expected(.dateOrNone(noneWords: ["なし", "無", "none"])))
  }

  @Test func theParserForOtherCallersReadsTheSameForms() {
    #expect(DateText.parse("令和3年10月12日") == CivilDate(year: 2021, month: 10, day: 12))
    #expect(DateText.parse("2021-02-30") == nil)
  }
}
