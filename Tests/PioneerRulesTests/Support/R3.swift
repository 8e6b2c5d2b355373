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

  static func verdict(
    _ fields: [String: Value], asOf: CivilDate? = nil, ruleSet: RuleSet = R3.ruleSet
  ) -> Verdict {
    ruleSet.evaluate(record(fields, ruleSet: ruleSet), asOf: asOf)
  }

  static func outcome(_ fields: [String: Value], ruleSet: RuleSet = R3.ruleSet) -> String {
    ruleSet.code(of: verdict(fields, ruleSet: ruleSet).outcome)
  }

  static func criterion(
    _ id: String, _ fields: [String: Value], asOf: CivilDate? = nil,
    ruleSet: RuleSet = R3.ruleSet
  ) -> Truth {
    guard let index = ruleSet.criteria.firstIndex(where: { $0.id == id }) else { return .unknown }
    return verdict(fields, asOf: asOf, ruleSet: ruleSet).criteria[index]
  }

  static func count(_ n: Int64) -> Value { .number(ExactNumber(n)) }

  /// The value of a definition (`small_business`, `sector`, `size_class`) for a record.
  static func value(
    _ definition: String, _ fields: [String: Value], asOf: CivilDate? = nil,
    ruleSet: RuleSet = R3.ruleSet
  ) -> Value {
    guard let found = ruleSet.definition(named: definition) else {
      fatalError("no definition \(definition)")
    }
    return ruleSet.value(of: found, in: record(fields, ruleSet: ruleSet), asOf: asOf)
  }

  /// The member names an enumeration-valued definition may take: one name when it is decided,
  /// several for a `oneOf`, none when it is missing.
  static func memberNames(_ definition: String, _ fields: [String: Value]) -> Set<String> {
    guard case .enumeration(let enumName)? = ruleSet.definition(named: definition)?.type,
      let declaration = ruleSet.enumerations.first(where: { $0.name == enumName })
    else { fatalError("\(definition) is not enumeration-valued") }
    let possibilities: [Value]
    switch value(definition, fields) {
    case .missing: possibilities = []
    case .oneOf(let values): possibilities = values
    case let single: possibilities = [single]
    }
    return Set(
      possibilities.map { possibility in
        guard case .member(let index) = possibility else { return "?" }
        return declaration.members[index].name
      })
  }
}
