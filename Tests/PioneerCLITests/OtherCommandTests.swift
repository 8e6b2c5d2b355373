import Foundation
import Testing

@Suite(.serialized) struct ExplainCommandTests {
  @Test func explainsAFailedCriterionWithValuesThresholdAndFix() throws {
    let result = try PioneerBinary.run(["explain", "Samples/applicants.csv", "--id", "A-003"])
    #expect(result.status == 0)
    #expect(result.text.contains("結果: 先駆者"))
    #expect(result.text.contains("対象従業員の割合 (25%) ≥ 適用される対象割合の基準 (50%)"))
    #expect(result.text.contains("満たすには: テレワーク対象従業員数 1人 → 2人 で満たす"))
  }

  @Test func explainsAnUnknownCriterionByItsMissingInput() throws {
    let result = try PioneerBinary.run([
      "explain", "Samples/applicants.csv", "--id", "A-016", "--lang", "en",
    ])
    #expect(result.text.contains("outcome: indeterminate"))
    #expect(result.text.contains("blocked by missing: JSIC code"))
  }

  @Test func explainsAnInvalidRowByItsReasons() throws {
    let result = try PioneerBinary.run([
      "explain", "Samples/applicants.csv", "--id", "A-040", "--lang", "en",
    ])
    #expect(result.text.contains("teleworkers exceed covered employees"))
  }

  @Test func unknownIDExitsOne() throws {
    let result = try PioneerBinary.run(["explain", "Samples/applicants.csv", "--id", "Z-999"])
    #expect(result.status == 1)
    #expect(result.error.contains("Z-999"))
  }
}

@Suite(.serialized) struct CheckCommandTests {
  @Test func listsTheCriteriaOfTheBuiltInRuleSet() throws {
    let result = try PioneerBinary.run(["check", "--lang", "en"])
    #expect(result.status == 0)
    for id in ["P1", "P2", "P3", "P4", "H1", "H2", "H3", "H4"] { #expect(result.text.contains(id)) }
    #expect(result.text.contains("coverage_ratio = 25%"))
  }

  @Test func builtInRulesAreTheFilesInRules() throws {
    let builtIn = try PioneerBinary.run(["check"])
    let file = try PioneerBinary.run(["check", "Rules/r3.rules"])
    #expect(builtIn.status == 0 && file.status == 0)
    // Same rule set: every line after the first (which names the file) agrees.
    #expect(
      builtIn.text.split(separator: "\n").dropFirst()
        == file.text.split(separator: "\n").dropFirst())
  }
}

@Suite(.serialized) struct VerifyCommandTests {
  @Test func verifiesItsOwnReportAndRejectsATamperedOne() throws {
    let directory = try PioneerBinary.temporaryDirectory()
    let report = directory.appendingPathComponent("report.json")
    _ = try PioneerBinary.run([
      "screen", "Samples/applicants.csv", "--format", "json", "-o", report.path,
    ])
    let ok = try PioneerBinary.run([
      "verify", report.path, "Samples/applicants.csv", "--lang", "en",
    ])
    #expect(ok.status == 0)
    #expect(ok.text.contains("verified"))
    let text = try String(contentsOf: report, encoding: .utf8)
    let tampered = text.replacingOccurrences(
      of: "\"outcome\": \"pioneer\"", with: "\"outcome\": \"hyakusen\"")
    #expect(tampered != text)
    try Data(tampered.utf8).write(to: report)
    let bad = try PioneerBinary.run([
      "verify", report.path, "Samples/applicants.csv", "--lang", "en",
    ])
    #expect(bad.status == 1)
    #expect(bad.error.contains("report says hyakusen"))
  }
}
