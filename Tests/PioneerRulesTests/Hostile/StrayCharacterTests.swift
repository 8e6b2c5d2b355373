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

  /// A million diagnostics on one million-character line: the report shows the first
  /// `shownLimit`, each quoting a clipped window of the line, and counts the rest. Rendering
  /// them all used to quote the whole line each time (quadratic; see Fuzz/README.md).
  @Test func aRuleFileOfAMillionStrayCharactersIsRejectedWithAShortReport() {
    let text = MinimalRules.header + String(repeating: "@", count: 1_000_000)
    do {
      _ = try RuleSet.load(text: text, name: "t.rules")
      Issue.record("loaded")
    } catch {
      #expect(error.diagnostics.count == 1_000_000)
      let report = error.description
      let shown = DiagnosticRenderer.shownLimit
      #expect(report.components(separatedBy: ": error: ").count - 1 == shown)
      #expect(report.hasSuffix("t.rules: \(1_000_000 - shown) more errors not shown"))
      #expect(report.utf8.count < shown * 400)
    }
  }

  @Test func aProblemFarIntoALongLineQuotesAWindowWithTheCaretUnderIt() {
    let line = String(repeating: "a ", count: 5_000) + "@ " + String(repeating: "b ", count: 5_000)
    let source = SourceFile(name: "t.rules", text: "x\n" + line + "\n")
    let offset = 2 + 10_000
    let rendered = DiagnosticRenderer.render(
      Diagnostic("unexpected character '@'", at: SourceSpan(start: offset, end: offset + 1)),
      in: source)
    let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 3)
    #expect(lines[0] == "t.rules:2:10001: error: unexpected character '@'")
    #expect(lines[1].hasPrefix("    …a a "))
    #expect(lines[1].hasSuffix("…") && lines[1].contains("@ b b"))
    #expect(lines[1].count <= 4 + DiagnosticRenderer.quotedWidth + 2)
    let caret = lines[2].firstIndex(of: "^").map {
      lines[2].distance(from: lines[2].startIndex, to: $0)
    }
    let at = lines[1].firstIndex(of: "@").map {
      lines[1].distance(from: lines[1].startIndex, to: $0)
    }
    #expect(caret != nil && caret == at)
  }

  @Test func aShortLineIsQuotedWhole() {
    let source = SourceFile(name: "t.rules", text: "input x: 整数 @\n")
    let rendered = DiagnosticRenderer.render(
      Diagnostic("unexpected character '@'", at: SourceSpan(start: 12, end: 13)), in: source)
    #expect(
      rendered
        == "t.rules:1:13: error: unexpected character '@'\n    input x: 整数 @\n                  ^")
  }
}
