extension RuleSet {
  /// Reads, parses and checks a rule file.
  ///
  /// - Throws: `RuleSetError` with every problem found, each renderable as
  ///   `FILE:LINE:COL: error: message` with the line and a caret.
  public static func load(source: SourceFile) throws(RuleSetError) -> RuleSet {
    let (tree, syntaxErrors) = Parser.parse(source)
    var checker = Checker(tree: tree)
    let ruleSet = checker.check()
    let diagnostics = syntaxErrors + checker.diagnostics
    guard diagnostics.isEmpty, let ruleSet else {
      throw RuleSetError(
        source: source,
        diagnostics: diagnostics.isEmpty
          ? [Diagnostic("the rule set could not be checked", at: SourceSpan(start: 0, end: 0))]
          : diagnostics)
    }
    return ruleSet
  }

  /// Reads, parses and checks rule text.
  public static func load(text: String, name: String) throws(RuleSetError) -> RuleSet {
    try load(source: SourceFile(name: name, text: text))
  }
}
