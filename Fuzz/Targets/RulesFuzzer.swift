import PioneerRules

/// Fuzz target (c): the rule language. The input, decoded as UTF-8, is lexed, parsed and
/// checked by `RuleSet.load(text:name:)`; a rejection has its diagnostics rendered (line,
/// caret). A rule set that loads evaluates three records — every input missing, every input
/// at its lowest value, every input at its highest value a CSV can give — through
/// `evaluate`, `brokenChecks`, every definition and the explanation. Only a trap is a
/// finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
  let ruleSet: RuleSet
  do {
    ruleSet = try RuleSet.load(text: text, name: "fuzz.rules")
  } catch {
    // The first diagnostics and the last, each with its line and caret. Rendering every one
    // of a mutated file's hundreds would spend the run there (see Fuzz/README.md).
    for diagnostic in error.diagnostics.prefix(20) + error.diagnostics.suffix(1) {
      _ = DiagnosticRenderer.render(diagnostic, in: error.source)
    }
    return 0
  }
  let inputs = ruleSet.schema.inputs
  let records = [
    Record(line: 2, values: inputs.map { _ in .missing }),
    Record(
      line: 3, values: inputs.map { extreme($0.type, limits: ruleSet.schema.limits, high: false) }),
    Record(
      line: 4, values: inputs.map { extreme($0.type, limits: ruleSet.schema.limits, high: true) }),
  ]
  for record in records {
    _ = ruleSet.evaluate(record)
    _ = ruleSet.brokenChecks(record)
    for definition in ruleSet.definitions { _ = ruleSet.value(of: definition, in: record) }
  }
  for language in Language.allCases {
    _ = Explainer(ruleSet: ruleSet, language: language).explain(records[0])
    _ = Explainer(ruleSet: ruleSet, language: language).explain(records[2])
  }
  return 0
}

/// The lowest or highest value a cell of `type` can read as.
private func extreme(_ type: InputType, limits: ValueLimits, high: Bool) -> Value {
  switch type {
  case .text: return .text(high ? String(repeating: "髙", count: 64) : "0")
  case .count: return .number(high ? limits.maximumCount : .zero)
  case .decimal: return .number(high ? limits.maximumDecimal : .zero)
  case .yen: return .number(high ? limits.maximumYen : .zero)
  case .date, .dateOrNone:
    let date =
      high ? CivilDate(year: 9999, month: 12, day: 31) : CivilDate(year: 1, month: 1, day: 1)
    return date.map(Value.date) ?? .missing
  case .boolean: return .boolean(high)
  case .enumeration(let declaration):
    guard !declaration.members.isEmpty else { return .missing }
    return .member(high ? declaration.members.count - 1 : 0)
  case .code(let classification):
    for text in high ? ["999", "99", "T"] : ["011", "01", "A"] {
      if let code = classification.code(text) { return .code(code) }
    }
    return .missing
  }
}
