import Testing

@testable import PioneerRules

/// After a syntax error the parser resumes at the next declaration, so one run reports every
/// broken declaration once, on its own line, and nothing else.
@Suite struct ParserRecoveryTests {
  @Test func errorOnTheLastTokenOfADeclarationDoesNotSwallowTheNextDeclaration() {
    // The bad date is the last token before `parameter b`; `b` must still be declared, so the
    // definition that uses it is fine.
    let body = """
      parameter a "a" = 2021-02-30
      parameter b "b" = 1
      define c "c" = b >= 1

      """
    #expect(
      MinimalRules.diagnostics(body) == [
        MinimalRules.at(0, 19, "2021-02-30 is not a date that exists")
      ])
  }

  @Test func unclosedTierDoesNotHideTheDeclarationAfterIt() {
    let body = """
      tier hyakusen "百選" requires pioneer {
        criterion H1 "条件" = flag
      define d "d" = staff >= 1

      """
    #expect(
      MinimalRules.diagnostics(body) == [
        MinimalRules.at(
          1, 27, "expected 'criterion' or '}' in a tier, found 'define' (the next declaration)")
      ])
  }

  @Test func missingValueAtTheEndOfALineIsReportedThereNotOnTheNextDeclaration() {
    let body = """
      define a "a" =
      define b "b" = staff >= 1

      """
    #expect(
      MinimalRules.diagnostics(body) == [
        MinimalRules.at(0, 15, "expected a value, found 'define' (the next declaration)")
      ])
  }

  @Test func declarationKeywordAtTheStartOfALineIsNeverTakenAsAName() {
    let body = """
      input r: count "r" as
      parameter ok "ok" = 1

      """
    #expect(
      MinimalRules.diagnostics(body) == [
        MinimalRules.at(0, 22, "expected id or name, found 'parameter' (the next declaration)")
      ])
  }
}
