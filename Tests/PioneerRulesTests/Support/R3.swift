import Foundation

@testable import PioneerRules

/// The 令和3年度 rule set from Rules/, loaded once for all tests.
enum R3 {
  static let rulesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Rules")

  static let text: String = {
    (try? String(contentsOf: rulesDirectory.appendingPathComponent("r3.rules"), encoding: .utf8))
      ?? ""
  }()

  static let ruleSet: RuleSet = {
    do {
      return try RuleSet.load(text: text, name: "Rules/r3.rules")
    } catch {
      fatalError("Rules/r3.rules does not load:\n\(error)")
    }
  }()

  /// A record from input names and values; everything not given is missing.
  static func record(_ fields: [String: Value], ruleSet: RuleSet = R3.ruleSet) -> Record {
    var values = Array(repeating: Value.missing, count: ruleSet.schema.inputs.count)
    for (name, value) in fields {
      guard let input = ruleSet.schema.input(named: name) else {
        fatalError("no input \(name)")
      }
      values[input.slot] = value
    }
    return Record(line: 2, values: values)
  }

  static func member(_ input: String, _ spelling: String) -> Value {
    guard case .enumeration(let e)? = ruleSet.schema.input(named: input)?.type,
      let index = e.member(spelled: spelling)
    else { fatalError("no member \(spelling) of \(input)") }
    return .member(index)
  }

  static func code(_ text: String) -> Value {
    guard case .code(let c)? = ruleSet.schema.input(named: "jsic_code")?.type,
      let code = c.code(text)
    else { fatalError("no code \(text)") }
    return .code(code)
  }

  static func date(_ y: Int, _ m: Int, _ d: Int) -> Value {
    guard let date = CivilDate(year: y, month: m, day: d) else { fatalError("no date") }
    return .date(date)
  }

  static func number(_ text: String) -> Value {
    guard let n = ExactNumber(decimalLiteral: Substring(text)) else { fatalError("bad number") }
    return .number(n)
  }

  /// A complete record meeting every criterion: the spec's "large firm, all met".
  static func allMet(_ overrides: [String: Value] = [:]) -> [String: Value] {
    var fields: [String: Value] = [
      "applicant_id": .text("T-1"), "name": .text("テスト株式会社"),
      "org_type": member("org_type", "株式会社"), "jsic_code": code("39"),
      "total_employees": .number(ExactNumber(1000)),
      "regular_employees": .number(ExactNumber(1000)),
      "eligible_employees": .number(ExactNumber(400)), "teleworkers": .number(ExactNumber(250)),
      "avg_telework_days": number("6.5"), "telework_rule": member("telework_rule", "就業規則本則"),
      "overtime_measures": .boolean(true), "last_violation_date": .none,
      "no_antisocial_ties": .boolean(true),
    ]
    for (key, value) in overrides { fields[key] = value }
    return fields
  }

  static func verdict(_ fields: [String: Value], asOf: CivilDate? = nil) -> Verdict {
    ruleSet.evaluate(record(fields), asOf: asOf)
  }

  static func outcome(_ fields: [String: Value]) -> String {
    ruleSet.code(of: verdict(fields).outcome)
  }

  static func criterion(_ id: String, _ fields: [String: Value]) -> Truth {
    guard let index = ruleSet.criteria.firstIndex(where: { $0.id == id }) else { return .unknown }
    return verdict(fields).criteria[index]
  }
}
