import Testing

@testable import PioneerRules

/// Characters the language does not know are each a diagnostic, however many follow one
/// another. The lexer used to call itself once per such character, so a rule file of a
/// million `@` overflowed the stack (SIGSEGV in `pioneer check`); found by profiling the
/// rules fuzzer, whose inputs are too short to reach the stack's end.
@Suite struct StrayCharacterTests {
  @Test func aMillionStrayCharactersAreDiagnosticsNotAStackOverflow() {
    let source = SourceFile(name: "stray.rules", text: String(repeating: "@", count: 1_000_000))
    var lexer = Lexer(source)
    let tokens = lexer.tokens()
    #expect(tokens.map(\.kind) == [.end])
    #expect(lexer.diagnostics.count == 1_000_000)
    #expect(lexer.diagnostics.last?.message == "unexpected character '@'")
    #expect(lexer.diagnostics.last?.span == SourceSpan(start: 999_999, end: 1_000_000))
  }

  @Test func strayCharactersBetweenTokensKeepTheTokens() {
    var lexer = Lexer(SourceFile(name: "t.rules", text: "a @@@ b ¤\n§ 1"))
    #expect(lexer.tokens().map(\.text) == ["a", "b", "1", ""])
    #expect(lexer.diagnostics.map(\.span.start) == [2, 3, 4, 8, 10])
  }

  /// Only counted: rendering a million diagnostics that each quote the same million-character
  /// line takes too long (see Fuzz/README.md).
  @Test func aRuleFileOfAMillionStrayCharactersIsRejected() {
    let text = MinimalRules.header + String(repeating: "@", count: 1_000_000)
    do {
      _ = try RuleSet.load(text: text, name: "t.rules")
      Issue.record("loaded")
    } catch {
      #expect(error.diagnostics.count == 1_000_000)
    }
  }
}
