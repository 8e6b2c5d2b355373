import Foundation
import PioneerReports
import PioneerRules
import PioneerScreening

/// `pioneer verify REPORT.json INPUT`: re-runs the evaluation with the report's reference
/// date and confirms the report says what this input and rule set give.
enum VerifyCommand {
  static func run(report: String, input: String, options: ScreenOptions, console: Console) throws {
    guard let data = FileManager.default.contents(atPath: report) else {
      throw CommandFailure.badReport(path: report, reason: "cannot read the file")
    }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let audit = object["audit"] as? [String: Any],
      let applicants = object["applicants"] as? [[String: Any]]
    else {
      throw CommandFailure.badReport(
        path: report, reason: "not a JSON screening report with applicants and audit")
    }
    let ruleSet = try RuleSetLoader.load(options.rules)
    var differences: [String] = []
    let ruleHash = AuditRecord.sha256(of: ruleSet)
    if audit["rule_set_sha256"] as? String != ruleHash {
      differences.append(
        "rule set SHA-256: report \(audit["rule_set_sha256"] ?? "-"), rules \(ruleHash)")
    }
    var rerun = options
    if let text = audit["reference_date"] as? String, let date = ArgumentParser.parseISODate(text) {
      rerun.asOf = date
    }
    var actual: [ScreenedApplicant] = []
    let summary = try screenFile(rerun, ruleSet: ruleSet) { actual.append($0) }
    if audit["input_sha256"] as? String != summary.inputSHA256 {
      differences.append(
        "input SHA-256: report \(audit["input_sha256"] ?? "-"), input \(summary.inputSHA256)")
    }
    if applicants.count != actual.count {
      differences.append("applicants: report \(applicants.count), input \(actual.count)")
    }
    for (claimed, applicant) in zip(applicants, actual) {
      let id = claimed["id"] as? String ?? ""
      var criteria: [String: String] = [:]
      for (criterion, truth) in zip(ruleSet.criteria, applicant.criteria ?? []) {
        criteria[criterion.id] = truth.word
      }
      let claimedCriteria = claimed["criteria"] as? [String: String] ?? [:]
      if id != applicant.id || claimed["line"] as? Int != applicant.line
        || claimed["outcome"] as? String != ruleSet.code(of: applicant.outcome)
        || claimedCriteria != criteria
      {
        differences.append(
          "line \(applicant.line) \(applicant.id): report says \(claimed["outcome"] ?? "-"), rules give \(ruleSet.code(of: applicant.outcome))"
        )
      }
    }
    guard differences.isEmpty else { throw CommandFailure.mismatch(differences) }
    let ja = options.language == .ja
    try Pioneer.write(
      (ja
        ? "一致: \(report) は \(input) とルールセット \(ruleSet.name) の結果です（\(actual.count) 行）"
        : "verified: \(report) is what \(input) and rule set \(ruleSet.name) give (\(actual.count) rows)")
        + "\n",
      to: console.standardOutput)
  }
}
