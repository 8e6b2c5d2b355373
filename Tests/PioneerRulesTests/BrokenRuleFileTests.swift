import Testing

@testable import PioneerRules

/// Every broken rule file under Fixtures/broken/ is refused with exactly the diagnostics its
/// `# expect error:` comments name, each rendered as `FILE:LINE:COL: error: message`, the
/// line, and a caret under the place.
@Suite struct BrokenRuleFileTests {
  @Test func thereAreFixturesForAtLeastFifteenKindsOfMistake() {
    #expect(RuleFixture.all(in: "broken").count >= 15)
  }

  @Test(arguments: RuleFixture.all(in: "valid"))
  func validFixtureLoads(_ fixture: RuleFixture) {
    if case .failure(let error) = fixture.load() {
      Issue.record("\(fixture.path) does not load:\n\(error)")
    }
  }

  @Test(arguments: RuleFixture.all(in: "broken"))
  func brokenFixtureReportsExactlyTheExpectedErrors(_ fixture: RuleFixture) throws {
    #expect(!fixture.expectations.isEmpty, "a broken fixture names the errors it expects")
    guard case .failure(let error) = fixture.load() else {
      Issue.record("\(fixture.path) loaded, but should not")
      return
    }
    let found = error.diagnostics.map { diagnostic in
      let (line, column) = error.source.location(of: diagnostic.span.start)
      return "\(line):\(column): \(diagnostic.message)"
    }
    #expect(found.sorted(by: Self.byPlace) == fixture.expectations.sorted(by: Self.byPlace))
  }

  @Test(arguments: RuleFixture.all(in: "broken"))
  func everyErrorIsRenderedWithItsLineAndACaretUnderThePlace(_ fixture: RuleFixture) throws {
    guard case .failure(let error) = fixture.load() else { return }
    let rendered = String(describing: error).split(
      separator: "\n", omittingEmptySubsequences: false)
    try #require(rendered.count == 3 * error.diagnostics.count)
    for (index, diagnostic) in error.diagnostics.enumerated() {
      let (line, column) = error.source.location(of: diagnostic.span.start)
      let header = rendered[3 * index]
      let quoted = rendered[3 * index + 1]
      let caret = rendered[3 * index + 2]
      #expect(header == "\(fixture.path):\(line):\(column): error: \(diagnostic.message)")
      // A line longer than the quoted width is quoted from a quarter of that width before
      // the problem (or its last `quotedWidth` characters), clipped ends marked with "…".
      var shown = fixture.line(line)
      var before = String(shown.unicodeScalars.prefix(column - 1))
      let width = DiagnosticRenderer.quotedWidth
      let length = shown.unicodeScalars.count
      if length > width {
        let skipped = max(0, min(column - 1 - width / 4, length - width))
        let window = shown.unicodeScalars.dropFirst(skipped).prefix(width)
        before = (skipped > 0 ? "…" : "") + String(before.unicodeScalars.dropFirst(skipped))
        shown =
          (skipped > 0 ? "…" : "") + String(String.UnicodeScalarView(window))
          + (skipped + width < length ? "…" : "")
      }
      #expect(quoted == "    " + shown)
      let indent = String(repeating: " ", count: 4 + terminalWidth(before))
      #expect(caret.hasPrefix(indent + "^"), "caret of \(header)")
      #expect(caret.dropFirst(indent.count + 1).allSatisfy { $0 == "~" }, "caret of \(header)")
    }
  }

  @Test func unknownNameIsRenderedWithItsLineAndACaretUnderTheWideCharacterAlignedName() throws {
    let fixture = try #require(RuleFixture.named("broken/unknown_name.rules"))
    guard case .failure(let error) = fixture.load() else {
      Issue.record("loaded")
      return
    }
    // 条件 takes four terminal columns, so the caret sits two columns right of its scalar column.
    #expect(
      String(describing: error) == """
        broken/unknown_name.rules:19:23: error: unknown name 'flg'; did you mean 'flag'?
              criterion P1 "条件" = flg
                                    ^~~
        """)
  }

  @Test func threeBrokenDeclarationsAreAllReportedEachOnItsOwnLine() throws {
    let fixture = try #require(RuleFixture.named("broken/three_broken_declarations.rules"))
    guard case .failure(let error) = fixture.load() else {
      Issue.record("loaded")
      return
    }
    let headers = String(describing: error).split(separator: "\n").filter {
      $0.hasPrefix("broken/")
    }
    #expect(
      headers == [
        "broken/three_broken_declarations.rules:18:24: error: expected a value, found '*'",
        "broken/three_broken_declarations.rules:20:27: error: expected id or name, found 'define' (the next declaration)",
        "broken/three_broken_declarations.rules:22:28: error: expected a value, found 'define' (the next declaration)",
      ])
    #expect(fixture.line(18).hasPrefix("parameter limit"))
    #expect(fixture.line(20).hasPrefix("input staff"))
    #expect(fixture.line(22).hasPrefix("define big"))
  }

  /// Orders `LINE:COL: message` by line, then column, then message.
  static func byPlace(_ a: String, _ b: String) -> Bool {
    func key(_ s: String) -> (Int, Int, String) {
      let parts = s.split(separator: ":", maxSplits: 2)
      return (Int(parts[0]) ?? 0, Int(parts[safe: 1] ?? "") ?? 0, s)
    }
    return key(a) < key(b)
  }
}
