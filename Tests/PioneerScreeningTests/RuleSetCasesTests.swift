import Foundation
import PioneerRecords
import PioneerRules
import Testing

@testable import PioneerScreening

/// Every rule set's own test cases: `Rules/NAME.cases.csv` beside `Rules/NAME.rules` holds
/// applicant rows with their expected outcome and per-criterion results (as OpenFisca's YAML
/// tests and Catala's test scopes do). Edit a threshold, run `swift test`, and the rows whose
/// expectations move are listed by line.
@Suite struct RuleSetCasesTests {
  static var caseFiles: [String] {
    let directory = Fixtures.path("Rules")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { $0.hasSuffix(".cases.csv") }.sorted()
  }

  @Test func everyRuleSetHasCases() {
    #expect(Self.caseFiles.contains("r3.cases.csv"))
  }

  @Test(arguments: caseFiles)
  func ruleSetMeetsItsOwnCases(_ file: String) throws {
    let casesPath = Fixtures.path("Rules/" + file)
    let rulesName = "Rules/" + file.replacingOccurrences(of: ".cases.csv", with: ".rules")
    let text = try String(contentsOfFile: Fixtures.path(rulesName), encoding: .utf8)
    let ruleSet = try RuleSet.load(text: text, name: rulesName)
    let expectations = try Self.expectations(casesPath, ruleSet: ruleSet)
    var screened: [Int: ScreenedApplicant] = [:]
    let summary = try Screener(ruleSet: ruleSet, asOf: nil).screen(path: casesPath) {
      screened[$0.line] = $0
    }
    #expect(summary.rows == expectations.count)
    #expect(summary.invalid == 0, "a case row is invalid: fix the case, not the rules")
    for (line, expected) in expectations.sorted(by: { $0.key < $1.key }) {
      guard let applicant = screened[line] else {
        Issue.record("\(file):\(line): not screened")
        continue
      }
      let outcome = ruleSet.code(of: applicant.outcome)
      #expect(
        outcome == expected.outcome,
        "\(file):\(line) \(applicant.id) (\(expected.note)): outcome \(outcome), expected \(expected.outcome)"
      )
      for (criterion, truth) in zip(ruleSet.criteria, applicant.verdict?.criteria ?? []) {
        guard let want = expected.criteria[criterion.id], !want.isEmpty else { continue }
        #expect(
          truth.word == want,
          "\(file):\(line) \(applicant.id) (\(expected.note)): \(criterion.id) \(truth.word), expected \(want)"
        )
      }
    }
  }

  struct Expectation {
    let outcome: String
    let criteria: [String: String]
    let note: String
  }

  /// The `expected_*` columns by line, read with the same intake as applicant files.
  static func expectations(_ path: String, ruleSet: RuleSet) throws -> [Int: Expectation] {
    let text = try TextStream(
      source: FileDescriptorSource(path: path), encoding: nil, chunkSize: 1 << 16)
    let csv = CSVReader(text: text)
    guard let header = try csv.next()?.fields else { return [:] }
    var result: [Int: Expectation] = [:]
    while let record = try csv.next() {
      let fields = record.fields
      guard fields.contains(where: { !$0.isEmpty }) else { continue }
      var byName: [String: String] = [:]
      for (name, value) in zip(header, fields) { byName[name] = value }
      var criteria: [String: String] = [:]
      for criterion in ruleSet.criteria {
        criteria[criterion.id] = byName["expected_" + criterion.id]
      }
      result[record.line] = Expectation(
        outcome: byName["expected_outcome"] ?? "", criteria: criteria, note: byName["note"] ?? "")
    }
    return result
  }
}
