import Testing

@testable import PioneerRules

/// Hostile or mistaken rule files: every one is rejected with diagnostics or loads and
/// evaluates to values (missing where arithmetic cannot be done) — never a trap or a stack
/// overflow in the lexer, parser, checker, planner, evaluator or explainer.
@Suite struct HostileRuleFileTests {
  static let tooDeep = "expression nested more than 200 levels deep"
  static let deep =
    String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
  static let deepFlag =
    String(repeating: "(", count: 10_000) + "flag" + String(repeating: ")", count: 10_000)

  /// A record of the minimal rule set with every input missing.
  static func empty(_ ruleSet: RuleSet) -> Record {
    Record(line: 2, values: Array(repeating: .missing, count: ruleSet.schema.inputs.count))
  }

  /// Deep nesting in each place an expression may stand besides a definition (which
  /// DeepNestingTests covers): the error is on the line of the expression.
  static let placesOfExpressions: [(name: String, body: String, line: Int)] = [
    ("parameter", "parameter p \"p\" = \(deep)\n", 0),
    ("check", "check c \"c\" = \(deepFlag)\n", 0),
    ("table value", "table t: text -> number \"t\" {\n  \"a\" -> \(deep)\n}\n", 1),
    ("table else", "table t: text -> number \"t\" {\n  else -> \(deep)\n}\n", 1),
    (
      "criterion",
      "tier hyakusen \"百選\" requires pioneer {\n  criterion H1 \"h\" = \(deepFlag)\n}\n", 1
    ),
  ]

  @Test(arguments: placesOfExpressions.map(\.name))
  func tenThousandLevelsAnywhereGiveAnErrorOnTheirLine(place: String) throws {
    let entry = try #require(Self.placesOfExpressions.first { $0.name == place })
    let diagnostics = MinimalRules.diagnostics(entry.body)
    #expect(
      diagnostics.contains {
        $0.hasPrefix("\(MinimalRules.firstBodyLine + entry.line):") && $0.hasSuffix(Self.tooDeep)
      }, "\(diagnostics)")
  }

  @Test func tenThousandLevelsInARulesetSettingGiveAnError() {
    let text = MinimalRules.header.replacingOccurrences(
      of: "maximum_count = 1_000", with: "maximum_count = \(Self.deep)")
    let diagnostics = MinimalRules.diagnostics(ofText: text)
    #expect(
      diagnostics.contains { $0.hasPrefix("3:") && $0.hasSuffix(Self.tooDeep) }, "\(diagnostics)")
  }

  /// `parameter p1 = p0 + 1`, …, in dependency order or reversed.
  static func parameterChain(_ length: Int, reversed: Bool) -> String {
    var lines = ["parameter p0 \"p\" = 1"]
    lines += (1...length).map { "parameter p\($0) \"p\" = p\($0 - 1) + 1" }
    if reversed { lines.reverse() }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test(arguments: [false, true])
  func tenThousandChainedParametersAreAnErrorNotACrash(reversed: Bool) throws {
    let diagnostics = MinimalRules.diagnostics(Self.parameterChain(10_000, reversed: reversed))
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.contains("levels of nested definitions and operators") == true)
  }

  @Test func aHundredChainedParametersLoad() throws {
    let ruleSet = try MinimalRules.load(Self.parameterChain(100, reversed: true)).get()
    #expect(ruleSet.parameters.first { $0.name == "p100" }?.value == .number(ExactNumber(101)))
  }

  /// A definition at the bound of nesting, made of definitions that are each at the bound
  /// of one expression, loads, evaluates and explains.
  @Test func widestAllowedNestingEvaluatesAndExplains() throws {
    let inner = String(repeating: "(", count: 190) + "flag" + String(repeating: ")", count: 190)
    var lines = ["define d0 \"d\" = \(inner)"]
    lines += (1...40).map { "define d\($0) \"d\" = d\($0 - 1) and \(inner)" }
    lines.append("check c \"c\" = d40 or not d40")
    let ruleSet = try MinimalRules.load(lines.joined(separator: "\n") + "\n").get()
    let record = Self.empty(ruleSet)
    #expect(
      ruleSet.value(of: try #require(ruleSet.definition(named: "d40")), in: record) == .missing)
    #expect(ruleSet.brokenChecks(record).isEmpty)
    _ = Explainer(ruleSet: ruleSet, language: .en).explain(record)
  }

  @Test(arguments: [
    "99999999999999999999999999999999999999999999",
    "0.000000000000000000000000000000000000000000001", "1 / 0", "0 / 0",
    "170141183460469231731687303715884105727 + 1",
    "170141183460469231731687303715884105727 * 170141183460469231731687303715884105727",
    "-170141183460469231731687303715884105727 - 2",
  ])
  func hugeOrUndefinedConstantsAreErrorsNotTraps(expression: String) {
    let diagnostics = MinimalRules.diagnostics("parameter p \"p\" = \(expression)\n")
    #expect(!diagnostics.isEmpty)
  }

  @Test(arguments: [
    "as_of + 1000000000000000000 years", "as_of - 768614336404564651 years",
    "as_of + 9223372036854775807 months", "as_of - 9223372036854775808 days",
    "as_of + 99999999999999999999999999999 years",
  ])
  func hugeDurationsAreAnErrorAtLoad(expression: String) {
    let diagnostics = MinimalRules.diagnostics("define d \"d\" = \(expression)\n")
    #expect(diagnostics.count == 1)
    #expect(
      diagnostics.first?.hasSuffix("a duration needs a whole number of at most 100000") == true)
  }

  @Test(arguments: [
    "as_of + 100000 years", "as_of - 100000 years", "as_of + 100000 months",
    "as_of - 100000 months - 100000 years", "as_of + 8000 years", "as_of - 3000 years",
  ])
  func durationsPastTheCalendarGiveAMissingDateNotATrap(expression: String) throws {
    let ruleSet = try MinimalRules.load("define d \"d\" = \(expression)\n").get()
    let definition = try #require(ruleSet.definition(named: "d"))
    #expect(ruleSet.value(of: definition, in: Self.empty(ruleSet)) == .missing)
  }

  @Test func arithmeticOverflowOnHugeInputsIsMissingNotATrap() throws {
    let big = "170141183460469231731687303715884105727"
    let ruleSet = try MinimalRules.load(
      "define d \"d\" = (staff + \(big)) * \(big) / (staff - staff)\n"
        + "define e \"e\" = staff * \(big) * \(big) >= 1\n"
    ).get()
    var values = Self.empty(ruleSet).values
    values[try #require(ruleSet.schema.input(named: "staff")).slot] = .number(ExactNumber(1000))
    let record = Record(line: 2, values: values)
    for name in ["d", "e"] {
      #expect(
        ruleSet.value(of: try #require(ruleSet.definition(named: name)), in: record) == .missing)
    }
  }
}
