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
}
