import PioneerRules

/// Fuzz target (c): the rule language. The input, decoded as UTF-8, is lexed, parsed and
/// checked by `RuleSet.load(text:name:)`; a rejection has every diagnostic rendered (line,
/// caret); a rule set that loads evaluates a record whose every input is missing, its
/// consistency checks, definitions and explanation. Only a trap is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
  let ruleSet: RuleSet
  do {
    ruleSet = try RuleSet.load(text: text, name: "fuzz.rules")
  } catch {
    _ = error.description
    return 0
  }
  let empty = Record(
    line: 2, values: Array(repeating: .missing, count: ruleSet.schema.inputs.count))
  _ = ruleSet.evaluate(empty)
  _ = ruleSet.brokenChecks(empty)
  for definition in ruleSet.definitions { _ = ruleSet.value(of: definition, in: empty) }
  for language in Language.allCases {
    _ = Explainer(ruleSet: ruleSet, language: language).explain(empty)
  }
  return 0
}
