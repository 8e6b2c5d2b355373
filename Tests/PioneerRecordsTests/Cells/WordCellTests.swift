import PioneerRules
import Testing

@testable import PioneerRecords

@Suite struct BooleanCellTests {
  @Test(arguments: [
    "あり", "有", "はい", "○", "〇", "yes", "YES", "Yes", "true", "TRUE", "y", "Y", "1", "ＹＥＳ",
    " はい ",
  ])
  func trueWords(text: String) {
    #expect(value(text, "overtime_measures") == .boolean(true))
  }

  @Test(arguments: ["なし", "無", "いいえ", "×", "no", "NO", "false", "False", "n", "N", "0", "０"])
  func falseWords(text: String) {
    #expect(value(text, "overtime_measures") == .boolean(false))
  }

  @Test(arguments: ["maybe", "有り", "2", "yes!", "t"])
  func otherWordsAreRejected(text: String) {
    #expect(reason(text, "overtime_measures") == .expected(.boolean(TestSchema.booleanWords)))
  }
}

@Suite struct EnumerationCellTests {
  @Test func everyOrganisationTypeAndAliasReads() {
    for (index, member) in TestSchema.orgType.members.enumerated() {
      for spelling in [member.name] + member.aliases {
        #expect(value(spelling, "org_type") == .member(index), "\(spelling)")
      }
    }
  }

  @Test func aliasesReadAsTheirMember() {
    #expect(value("NPO法人", "org_type") == .member(7))
    #expect(value("ＮＰＯ法人", "org_type") == .member(7))
    #expect(value("npo法人", "org_type") == .member(7))
    #expect(value("特例有限会社", "org_type") == .member(1))
  }

  @Test(arguments: [
    ("就業規則本則", 0), ("本則", 0), ("就業規則", 0), ("個別規程", 1), ("規程", 1), ("個別規定", 1),
    ("なし", 2), ("無", 2), ("無し", 2), ("none", 2), ("NONE", 2),
  ])
  func teleworkRuleSpellings(text: String, member: Int) {
    #expect(value(text, "telework_rule") == .member(member))
  }

  @Test(arguments: ["合弁会社", "株式", "abc"])
  func otherLegalFormsAreRejected(text: String) {
    #expect(reason(text, "org_type") == .expected(.member(of: TestSchema.orgType)))
  }
}

@Suite struct CodeCellTests {
  @Test(arguments: [
    ("39", "39", ["39", "G"]), ("9", "09", ["09", "E"]), ("791", "791", ["791", "79", "N"]),
    ("G", "G", ["G"]), ("g", "G", ["G"]), ("Ｇ", "G", ["G"]), ("５８", "58", ["58", "I"]),
    ("099", "099", ["099", "09", "E"]),
  ])
  func jsicCodesRead(text: String, canonical: String, path: [String]) {
    #expect(value(text, "jsic_code") == .code(IndustryCode(text: canonical, path: path)))
  }

  @Test func aCodeReadTwiceReadsTheSame() {
    let parser = CellParser(input: TestSchema.input("jsic_code"), schema: TestSchema.schema)
    let first = try? parser.parse("58").get()
    let second = try? parser.parse("58").get()
    #expect(first == second)
    #expect(first == .code(IndustryCode(text: "58", path: ["58", "I"])))
    #expect(throws: CellError.self) { try parser.parse("Z").get() }
    #expect(throws: CellError.self) { try parser.parse("Z").get() }
  }

  @Test(arguments: ["Z", "00", "000", "9999", "U", "AB", "1a", "-1"])
  func nonCodesAreRejected(text: String) {
    #expect(reason(text, "jsic_code") == .expected(.code(of: TestSchema.jsic)))
  }
}

@Suite struct TextCellTests {
  @Test func textIsTrimmedAndNormalised() {
    #expect(value("\u{3000}株式会社ﾃｽﾄ ", "name") == .text("株式会社テスト"))
    #expect(value("R0000001", "applicant_id") == .text("R0000001"))
  }

  @Test func everyTypeReadsAnEmptyCellAsMissing() {
    for input in TestSchema.schema.inputs {
      #expect(value(" \u{3000} ", input.name) == .missing, "\(input.name)")
    }
  }
}
