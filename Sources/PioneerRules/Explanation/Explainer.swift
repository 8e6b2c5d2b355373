/// Explains an applicant's verdict from a `Trace` of its evaluation: each criterion's
/// expression with the values filled in, the derived facts it rests on, the missing inputs
/// that block it, and for a failed criterion the smallest single-input change that passes.
///
/// Explanations are built only when asked for; screening a batch never pays for them.
public struct Explainer: Sendable {
  public let ruleSet: RuleSet
  public let language: Language
  private let formatter: ValueFormatter

  public init(ruleSet: RuleSet, language: Language) {
    self.ruleSet = ruleSet
    self.language = language
    self.formatter = ValueFormatter(ruleSet: ruleSet, language: language)
  }

  /// The full explanation of one valid record.
  public func explain(_ record: Record, asOf: CivilDate? = nil) -> ApplicantExplanation {
    let trace = Trace()
    let verdict = ruleSet.evaluate(record, asOf: asOf, observer: trace)
    let context = Context(ruleSet: ruleSet, formatter: formatter, trace: trace, language: language)
    let criteria = ruleSet.criteria.enumerated().map { index, criterion in
      explain(
        criterion, index: index, result: verdict.criteria[safe: index] ?? .unknown,
        record: record, asOf: asOf, context: context)
    }
    let reported = ruleSet.reported.compactMap { slot -> DerivedFact? in
      guard let definition = ruleSet.definitions[safe: slot] else { return nil }
      return context.fact(definition)
    }
    var referenceDate = (asOf ?? ruleSet.defaultReferenceDate).description
    if let definition = ruleSet.definition(named: "reference_date"),
      case .date(let date) = ruleSet.value(of: definition, in: record, asOf: asOf)
    {
      referenceDate = date.description
    }
    return ApplicantExplanation(
      outcome: verdict.outcome, outcomeLabel: ruleSet.label(of: verdict.outcome, language),
      criteria: criteria, reported: reported, referenceDate: referenceDate)
  }

  private func explain(
    _ criterion: Criterion, index: Int, result: Truth, record: Record, asOf: CivilDate?,
    context: Context
  ) -> CriterionExplanation {
    var walk = Walk()
    context.collect(criterion.condition, into: &walk)
    let inputs = walk.inputs.map { input in
      InputValue(
        name: input.name, label: input.label.text(language),
        value: formatter.text(record[input], input: input))
    }
    let missing =
      result == .unknown
      ? walk.inputs.filter { record[$0].isMissing }.map { $0.label.text(language) } : []
    let fixes =
      result == .no
      ? walk.inputs.compactMap { fix(criterion: index, input: $0, record: record, asOf: asOf) } : []
    return CriterionExplanation(
      id: criterion.id, label: criterion.label.text(language), citation: criterion.citation,
      result: result, reasoning: context.render(criterion.condition),
      derivedFacts: walk.definitions.map(context.fact), inputs: inputs, missingInputs: missing,
      fixes: fixes)
  }

  // MARK: The smallest fix

  /// Searches up and down from the input's value for the nearest value that passes the
  /// criterion while breaking no consistency check; nil when none is within range.
  func fix(criterion: Int, input: InputDeclaration, record: Record, asOf: CivilDate?) -> Fix? {
    guard input.type == .count || input.type == .decimal, case .number(let current) = record[input]
    else { return nil }
    let step = input.type == .count ? ExactNumber.one : ExactNumber(mantissa: 1, scale: 2) ?? .one
    let maximum =
      input.type == .count
      ? ruleSet.schema.limits.maximumCount : ruleSet.schema.limits.maximumDecimal
    func candidate(_ k: Int64, up: Bool) -> ExactNumber? {
      guard let delta = step.multiplied(by: ExactNumber(k)),
        let value = up ? current.adding(delta) : current.subtracting(delta),
        value >= .zero, value <= maximum
      else { return nil }
      return value
    }
    func passes(_ value: ExactNumber) -> Bool {
      var changed = record
      changed.values[input.slot] = .number(value)
      return ruleSet.evaluate(changed, asOf: asOf).criteria[safe: criterion] == .yes
        && ruleSet.brokenChecks(changed, asOf: asOf).isEmpty
    }
    func search(up: Bool) -> Int64? {
      // A linear scan near the value, then doubling and bisection for far thresholds.
      for k in Int64(1)...64 {
        guard let value = candidate(k, up: up) else { return nil }
        if passes(value) { return k }
      }
      var low: Int64 = 64
      var high: Int64 = 128
      while true {
        guard let value = candidate(high, up: up) else { return nil }
        if passes(value) { break }
        low = high
        guard high < Int64.max / 4 else { return nil }
        high *= 2
      }
      while high - low > 1 {
        let middle = low + (high - low) / 2
        if let value = candidate(middle, up: up), passes(value) {
          high = middle
        } else {
          low = middle
        }
      }
      return high
    }
    let up = search(up: true)
    let down = search(up: false)
    let best: (Int64, Bool)?
    switch (up, down) {
    case (let u?, let d?): best = d < u ? (d, false) : (u, true)
    case (let u?, nil): best = (u, true)
    case (nil, let d?): best = (d, false)
    default: best = nil
    }
    guard let (k, isUp) = best, let target = candidate(k, up: isUp) else { return nil }
    let label = input.label.text(language)
    let from = formatter.text(.number(current), input: input)
    let to = formatter.text(.number(target), input: input)
    let sentence =
      language == .ja ? "\(label) \(from) → \(to) で満たす" : "\(label) \(from) → \(to) would pass"
    return Fix(input: input.name, label: label, from: from, to: to, sentence: sentence)
  }
}

/// The names an expression reads, through the definitions it uses, in first-use order.
private struct Walk {
  var inputs: [InputDeclaration] = []
  var definitions: [Definition] = []
}

/// Rendering over one trace.
private struct Context {
  let ruleSet: RuleSet
  let formatter: ValueFormatter
  let trace: Trace
  let language: Language

  func node(_ expr: Expr) -> PlanNode {
    ruleSet.plan.node(expr.id.raw)
  }

  func type(_ expr: Expr) -> RuleType? { ruleSet.types[expr.id] }

  func collect(_ expr: Expr, into walk: inout Walk) {
    switch node(expr) {
    case .input(let slot):
      if let input = ruleSet.schema.inputs[safe: slot],
        !walk.inputs.contains(where: { $0.slot == slot })
      {
        walk.inputs.append(input)
      }
    case .definition(let slot):
      guard let definition = ruleSet.definitions[safe: slot],
        !walk.definitions.contains(where: { $0.slot == slot })
      else { return }
      walk.definitions.append(definition)
      // Only what was evaluated: a branch not taken does not explain anything.
      if trace.values[definition.expression.id] != nil {
        collect(definition.expression, into: &walk)
      }
    default:
      for child in Planner.children(of: expr) where trace.values[child.id] != nil {
        collect(child, into: &walk)
      }
    }
  }

  func fact(_ definition: Definition) -> DerivedFact {
    let value = trace.values[definition.expression.id] ?? .missing
    return DerivedFact(
      name: definition.name, label: definition.label.text(language),
      value: derivedText(value, type: definition.type), reasoning: render(definition.expression))
  }

  /// A derived value: undecided reads 不明 / unknown, never "missing" (which is an empty cell).
  func derivedText(_ value: Value, type: RuleType?) -> String {
    if value.isMissing { return language == .ja ? "不明" : "unknown" }
    return formatter.text(value, type: type)
  }

  private var notEvaluated: String { language == .ja ? "（未評価）" : "(not evaluated)" }

  /// The expression with its values: names carry their value in parentheses.
  func render(_ expr: Expr) -> String {
    guard let value = trace.values[expr.id] else { return notEvaluated }
    switch expr.kind {
    case .name(let name):
      if case .definition = node(expr) {
        return "\(label(of: expr, name: name)) (\(derivedText(value, type: type(expr))))"
      }
      return "\(label(of: expr, name: name)) (\(formatter.text(value, type: type(expr))))"
    case .number, .string, .date, .boolean:
      return formatter.text(value, type: type(expr))
    case .duration:
      return formatter.text(value, type: type(expr))
    case .call(let name, let arguments):
      let shown = formatter.text(value, type: type(expr))
      if name == "first_known" {
        let joiner = language == .ja ? "、なければ " : ", else "
        return arguments.map(render).joined(separator: joiner) + " → \(shown)"
      }
      let table = ruleSet.tables.first { $0.name == name }
      let title = table?.label.text(language) ?? name
      return "\(title)[\(arguments.map(render).joined(separator: ", "))] (\(shown))"
    case .list(let items):
      return "[" + items.map(render).joined(separator: ", ") + "]"
    case .not(let operand):
      if case .name = operand.kind {
        return language == .ja ? "\(render(operand)) ではない" : "not \(render(operand))"
      }
      return language == .ja ? "「\(render(operand))」ではない" : "not (\(render(operand)))"
    case .negate(let operand):
      return "-\(render(operand))"
    case .binary(let op, let left, let right):
      // A side skipped by short-circuit decided nothing: show only the side that did.
      if (op == .and || op == .or) && trace.values[right.id] == nil { return render(left) }
      let text = "\(grouped(left, in: op)) \(symbol(op)) \(grouped(right, in: op))"
      // Arithmetic shows its result, so a reader need not work out `基準日 - 1年` alone.
      switch op {
      case .add, .subtract, .multiply, .divide:
        return "\(text) (= \(formatter.text(value, type: type(expr))))"
      default:
        return text
      }
    case .membership(let subject, let list, let negated):
      let items = listItems(list)
      switch language {
      case .ja: return "\(render(subject)) が \(items) のいずれか" + (negated ? "ではない" : "")
      case .en: return "\(render(subject)) \(negated ? "not " : "")in \(items)"
      }
    case .within(let subject, let list):
      return language == .ja
        ? "\(render(subject)) が \(listItems(list)) に属する"
        : "\(render(subject)) within \(listItems(list))"
    case .test(let subject, let kind, let negated):
      let word: String
      switch (kind, language) {
      case (.none, .ja): word = negated ? "が「なし」ではない" : "が「なし」"
      case (.missing, .ja): word = negated ? "が入力済み" : "が未入力"
      case (.none, .en): word = negated ? "is not none" : "is none"
      case (.missing, .en): word = negated ? "is not missing" : "is missing"
      }
      return "\(render(subject)) \(word)"
    case .conditional:
      return renderChain(expr)
    }
  }

  /// An `if … else if … else` chain as the conditions tried and the branch taken:
  /// `C1: いいえ、C2: はい → A2`. An undecided condition shows both remaining branches.
  private func renderChain(_ expr: Expr) -> String {
    var steps: [String] = []
    var current = expr
    while case .conditional(let condition, let whenTrue, let whenFalse) = current.kind {
      let truth = trace.values[condition.id]?.truth ?? .unknown
      let word = formatter.text(Value(truth: truth), type: .boolean)
      let shown = truth == .unknown ? (language == .ja ? "不明" : "unknown") : word
      steps.append("\(render(condition)): \(shown)")
      switch truth {
      case .yes:
        return steps.joined(separator: language == .ja ? "、" : "; ") + " → " + render(whenTrue)
      case .no:
        current = whenFalse
      case .unknown:
        let alternatives =
          render(whenTrue) + (language == .ja ? " または " : " or ") + render(whenFalse)
        return steps.joined(separator: language == .ja ? "、" : "; ") + " → " + alternatives
      }
    }
    return steps.joined(separator: language == .ja ? "、" : "; ") + " → " + render(current)
  }

  private func listItems(_ list: Expr) -> String {
    guard case .list(let items) = list.kind else { return render(list) }
    return "["
      + items.map { item in
        trace.values[item.id].map { formatter.text($0, type: type(item)) } ?? notEvaluated
      }.joined(separator: ", ") + "]"
  }

  private func grouped(_ child: Expr, in op: BinaryOperator) -> String {
    if case .binary(let inner, _, _) = child.kind, inner != op, inner == .and || inner == .or {
      return "(\(render(child)))"
    }
    return render(child)
  }

  private func symbol(_ op: BinaryOperator) -> String {
    switch (op, language) {
    case (.and, .ja): return "かつ"
    case (.or, .ja): return "または"
    case (.lessOrEqual, _): return "≤"
    case (.greaterOrEqual, _): return "≥"
    case (.notEqual, _): return "≠"
    case (.equal, _): return "="
    case (.multiply, _): return "×"
    case (.divide, _): return "÷"
    default: return op.rawValue
    }
  }

  private func label(of expr: Expr, name: String) -> String {
    switch node(expr) {
    case .input(let slot): return ruleSet.schema.inputs[safe: slot]?.label.text(language) ?? name
    case .definition(let slot): return ruleSet.definitions[safe: slot]?.label.text(language) ?? name
    case .asOf:
      return language == .ja ? "基準日（--as-of または既定値）" : "reference date (--as-of or default)"
    default:
      return ruleSet.parameters.first { $0.name == name }?.label.text(language) ?? name
    }
  }
}
