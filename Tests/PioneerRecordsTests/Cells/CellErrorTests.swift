import PioneerRules
import Testing

@testable import PioneerRecords

@Suite struct CellErrorTests {
  private func failure(_ text: String, _ column: String) -> CellError? {
    if case .failure(let error) = cell(text, column) { return error }
    return nil
  }

  @Test func anErrorCarriesTheColumnTheTextAsWrittenAndTheReason() throws {
    let error = try #require(failure(" １２．５ ", "total_employees"))
    #expect(error.column == Label(ja: "総従業員数", en: "total employees"))
    #expect(error.text == "１２．５")
    #expect(error.reason == .expected(.count))
  }

  @Test func messagesAreWordedInJapaneseAndEnglish() throws {
    let malformed = try #require(failure("12.5", "total_employees"))
    #expect(malformed.message(.ja).hasPrefix("総従業員数: 「12.5」は人数"))
    #expect(malformed.message(.en).hasPrefix("total employees: \"12.5\" is not a count"))

    let range = try #require(failure("1000000001", "regular_employees"))
    #expect(range.message(.ja) == "常時雇用する人数: 「1000000001」は範囲外です（上限 1000000000）")
    #expect(
      range.message(.en) == "regular employees: \"1000000001\" is out of range (maximum 1000000000)"
    )

    let era = try #require(failure("平成31年5月1日", "application_date"))
    #expect(era.message(.ja) == "応募日: 「平成31年5月1日」は平成の期間（1989-01-08 – 2019-04-30）にありません")
    #expect(era.message(.en).contains("outside the Heisei era"))

    let missing = try #require(failure("2021-02-30", "application_date"))
    #expect(missing.message(.en) == "application date: \"2021-02-30\" is not a date that exists")

    let word = try #require(failure("maybe", "overtime_measures"))
    #expect(word.message(.en).contains("あり/有/はい"))
    let member = try #require(failure("合弁会社", "org_type"))
    #expect(member.message(.ja).contains("株式会社/有限会社"))
  }
}
