import Testing

@testable import PioneerRules

/// A hostile or mistaken rule file with absurdly deep expressions is rejected with an error;
/// it never overflows the stack of the parser, the checker, the planner or the evaluator.
@Suite struct DeepNestingTests {
  static let tooDeep = "expression nested more than 200 levels deep"

  /// Each shape repeated 10,000 times, as the value of a definition on body line 0.
  static let shapes: [(name: String, expression: String)] = [
    (
      "parentheses",
      String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
    ),
    (
      "brackets",
      "staff in " + String(repeating: "[", count: 10_000) + "1"
        + String(repeating: "]", count: 10_000)
    ),
    (
      "calls",
      String(repeating: "first_known(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
    ),
    ("not", String(repeating: "not ", count: 10_000) + "flag"),
    ("minus", String(repeating: "- ", count: 10_000) + "1"),
    (
      "if",
      String(repeating: "if flag then ", count: 10_000) + "1"
        + String(repeating: " else 2", count: 10_000)
    ),
    ("and chain", "flag" + String(repeating: " and flag", count: 10_000)),
    ("or chain", "flag" + String(repeating: " or flag", count: 10_000)),
    ("plus chain", "staff" + String(repeating: " + 1", count: 10_000)),
    ("times chain", "staff" + String(repeating: " * 1", count: 10_000)),
    (
      "chains in parentheses",
      String(repeating: "(flag" + String(repeating: " and flag", count: 100) + " and ", count: 150)
        + "flag" + String(repeating: ")", count: 150)
    ),
  ]

  @Test(arguments: shapes.map(\.name))
  func tenThousandLevelsGiveAnErrorNotACrash(shape: String) throws {
    let expression = try #require(Self.shapes.first { $0.name == shape }).expression
    let diagnostics = MinimalRules.diagnostics("define d \"d\" = \(expression)\n")
    #expect(diagnostics.count == 1)
    let first = try #require(diagnostics.first)
    #expect(first.hasPrefix("\(MinimalRules.firstBodyLine):"))
    #expect(first.hasSuffix(Self.tooDeep))
  }

  @Test func chainOfTwoHundredOperatorsStillLoads() throws {
    let chain = "flag" + String(repeating: " and flag", count: 199)
    let ruleSet = try MinimalRules.load("define d \"d\" = \(chain)\n").get()
    let definition = try #require(ruleSet.definition(named: "d"))
    var values = Array(repeating: Value.missing, count: ruleSet.schema.inputs.count)
    values[try #require(ruleSet.schema.input(named: "flag")).slot] = .boolean(true)
    #expect(ruleSet.value(of: definition, in: Record(line: 2, values: values)) == .boolean(true))
  }

  @Test func chainIsReportedWhereItStartsAndTheNextDeclarationStillParses() {
    let chain = "flag" + String(repeating: " and flag", count: 10_000)
    let body = "define d \"d\" = \(chain)\ndefine e \"e\" = staf\n"
    #expect(
      MinimalRules.diagnostics(body) == [
        MinimalRules.at(0, 16, Self.tooDeep),
        MinimalRules.at(1, 16, "unknown name 'staf'; did you mean 'staff'?"),
      ])
  }
}
