import PioneerRules
import Testing

@testable import PioneerRecords

@Suite struct HeaderLayoutTests {
  private let schema = TestSchema.schema

  @Test func japaneseNamesAndEnglishAliasesSelectColumns() throws {
    let layout = try HeaderLayout(
      header: ["name", "応募ID", "total_employees", "資本金"], schema: schema)
    #expect(layout.slots == [1, 0, 5, 4])
    #expect(layout.unknownColumns.isEmpty)
    #expect(layout.fieldCount == 4)
  }

  @Test func headersAreTrimmedNormalisedAndAliasesIgnoreCase() throws {
    let layout = try HeaderLayout(
      header: [" Applicant_ID ", "企業・団体名\u{3000}", "応募日", "ＪＳＩＣ_ＣＯＤＥ"], schema: schema)
    #expect(layout.slots == [0, 1, 14, 3])
  }

  @Test func unknownColumnsAreIgnoredAndListedOnceInOrder() throws {
    let layout = try HeaderLayout(
      header: ["応募ID", "備考", "企業・団体名", "担当者", ""], schema: schema)
    #expect(layout.slots == [0, nil, 1, nil, nil])
    #expect(layout.unknownColumns == ["備考", "担当者"])
  }

  @Test func trailingEmptyHeaderCellsAreNotFields() throws {
    let layout = try HeaderLayout(header: ["応募ID", "企業・団体名", "", " "], schema: schema)
    #expect(layout.fieldCount == 2)
  }

  @Test func aColumnSelectedTwiceRejectsTheFile() {
    #expect(
      throws: FileProblem.duplicateColumn(
        column: Label(ja: "資本金", en: "capital"), firstPosition: 3, secondPosition: 4)
    ) {
      _ = try HeaderLayout(header: ["応募ID", "企業・団体名", "資本金", "capital_yen"], schema: schema)
    }
  }

  @Test func aHeaderWithoutTheIdColumnRejectsTheFileListingWhatItFound() {
    #expect(
      throws: FileProblem.missingColumns(
        missing: [Label(ja: "応募ID", en: "applicant id")], found: ["企業・団体名", "備考"])
    ) {
      _ = try HeaderLayout(header: ["企業・団体名", "備考"], schema: schema)
    }
  }

  @Test func aHeaderWithoutBothRequiredColumnsNamesBoth() {
    #expect(
      throws: FileProblem.missingColumns(
        missing: [
          Label(ja: "応募ID", en: "applicant id"), Label(ja: "企業・団体名", en: "organisation name"),
        ], found: ["id", "会社名"])
    ) {
      _ = try HeaderLayout(header: ["id", "会社名"], schema: schema)
    }
  }
}
