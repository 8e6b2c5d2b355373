import Testing

@testable import PioneerRules

/// Checker behaviour that once went wrong: each problem is reported once, where it is, and no
/// rule file crashes the checker or, once loaded, the evaluator.
@Suite struct CheckerRegressionTests {
  @Test func parametersThatReferToEachOtherAreACycleErrorNotACrash() {
    let body = """
      parameter a "a" = b
      parameter b "b" = a

      """
    #expect(
      MinimalRules.diagnostics(body) == [
        MinimalRules.at(0, 11, "parameters form a cycle: a → b → a")
      ])
  }

  @Test func aCycleOfThreeDefinitionsIsReportedOnce() {
    let body = """
      define a "a" = b
      define b "b" = c
      define c "c" = a

      """
    #expect(
      MinimalRules.diagnostics(body) == [
        MinimalRules.at(0, 8, "definitions form a cycle: a → b → c → a")
      ])
  }

  @Test func aBrokenDefinitionIsReportedOnceHoweverOftenItIsUsed() {
    let body = """
      define a "a" = staf >= 1
      define b "b" = a
      define c "c" = a or b

      """
    #expect(
      MinimalRules.diagnostics(body) == [
        MinimalRules.at(0, 16, "unknown name 'staf'; did you mean 'staff'?")
      ])
  }

  @Test func aBrokenParameterIsReportedOnceHoweverOftenItIsUsed() {
    let body = """
      parameter limit "上限" = 1 + true
      define b "b" = staff >= limit
      define c "c" = staff < limit

      """
    #expect(
      MinimalRules.diagnostics(body) == [
        MinimalRules.at(0, 24, "cannot add number and boolean")
      ])
  }

  /// `define d1 = d0`, `define d2 = d1`, …: declared in dependency order (the evaluator would
  /// recurse through all of them) or in reverse (the checker would).
  static func chain(_ length: Int, reversed: Bool) -> String {
    var lines = ["define d0 \"d\" = flag"]
    lines += (1...length).map { "define d\($0) \"d\" = d\($0 - 1)" }
    if reversed { lines.reverse() }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test(arguments: [false, true])
  func tenThousandChainedDefinitionsAreAnErrorNotACrash(reversed: Bool) throws {
    let diagnostics = MinimalRules.diagnostics(Self.chain(10_000, reversed: reversed))
    #expect(diagnostics.count == 1)
    let only = try #require(diagnostics.first)
    #expect(only.contains("depends on more than 250 levels of nested definitions and operators"))
  }

  @Test func aHundredChainedDefinitionsLoadAndEvaluate() throws {
    for reversed in [false, true] {
      let ruleSet = try MinimalRules.load(Self.chain(100, reversed: reversed)).get()
      let last = try #require(ruleSet.definition(named: "d100"))
      var values = Array(repeating: Value.missing, count: ruleSet.schema.inputs.count)
      values[try #require(ruleSet.schema.input(named: "flag")).slot] = .boolean(false)
      #expect(ruleSet.value(of: last, in: Record(line: 2, values: values)) == .boolean(false))
    }
  }
}
