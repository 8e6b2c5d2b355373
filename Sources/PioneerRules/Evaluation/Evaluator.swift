/// Evaluates a plan's expressions over one record, with three-valued logic.
///
/// Every operation is total: a missing operand gives `missing` (unknown) unless the known
/// operands decide the result (`false and x`, `true or x`), `oneOf` operands are tried in
/// every combination, and arithmetic that overflows or divides by zero gives `missing` too.
struct Evaluator {
  private let plan: Plan
  private let record: Record
  private let asOf: CivilDate
  private let observer: EvaluationObserver?
  private var definitionValues: [Value?]

  init(plan: Plan, record: Record, asOf: CivilDate, observer: EvaluationObserver?) {
    self.plan = plan
    self.record = record
    self.asOf = asOf
    self.observer = observer
    self.definitionValues = Array(repeating: nil, count: plan.definitionRoots.count)
  }

  /// The value of expression `id`.
  mutating func value(of id: ExprID) -> Value {
    evaluate(id.raw)
  }

  private mutating func evaluate(_ index: Int) -> Value {
    guard index >= 0, index < plan.nodes.count else { return .missing }
    let result = compute(plan.nodes[index])
    if let observer { observer.observe(ExprID(raw: index), result) }
    return result
  }

  private mutating func compute(_ node: PlanNode) -> Value {
    switch node {
    case .constant(let value):
      return value
    case .input(let slot):
      return slot < record.values.count ? record.values[slot] : .missing
    case .definition(let slot):
      guard slot < definitionValues.count else { return .missing }
      if let known = definitionValues[slot] { return known }
      let value = evaluate(plan.definitionRoots[slot])
      definitionValues[slot] = value
      return value
    case .asOf:
      return .date(asOf)
    case .lookup(let table, let key):
      let keyValue = evaluate(key)
      return table < plan.tables.count ? plan.tables[table].lookup(keyValue) : .missing
    case .firstKnown(let arguments):
      for argument in arguments {
        let value = evaluate(argument)
        if !value.isMissing { return value }
      }
      return .missing
    case .not(let operand):
      return Value(truth: !evaluate(operand).truth)
    case .negate(let operand):
      return Operations.map(evaluate(operand)) { value in
        guard case .number(let n) = value else { return .missing }
        return ExactNumber.zero.subtracting(n).map(Value.number) ?? .missing
      }
    case .arithmetic(let op, let left, let right):
      return Operations.arithmetic(op, evaluate(left), evaluate(right))
    case .compare(let op, let left, let right):
      return Operations.compare(op, evaluate(left), evaluate(right))
    case .and(let left, let right):
      let l = evaluate(left).truth
      if l == .no { return .boolean(false) }
      return Value(truth: l && evaluate(right).truth)
    case .or(let left, let right):
      let l = evaluate(left).truth
      if l == .yes { return .boolean(true) }
      return Value(truth: l || evaluate(right).truth)
    case .member(let subject, let items, let negated):
      let value = evaluate(subject)
      let listed = items.map { evaluate($0) }
      let truth = Operations.membership(value, listed)
      return Value(truth: negated ? !truth : truth)
    case .within(let subject, let items):
      let value = evaluate(subject)
      return Value(truth: Operations.within(value, items.map { evaluate($0) }))
    case .test(let subject, let kind, let negated):
      let truth = Operations.test(evaluate(subject), kind)
      return Value(truth: negated ? !truth : truth)
    case .conditional(let condition, let whenTrue, let whenFalse):
      switch evaluate(condition).truth {
      case .yes: return evaluate(whenTrue)
      case .no: return evaluate(whenFalse)
      case .unknown:
        // Undecided condition: the result is one of the branches, decided where they agree.
        return Value.possibilities([evaluate(whenTrue), evaluate(whenFalse)])
      }
    case .invalid:
      return .missing
    }
  }
}

extension Value {
  /// `.boolean` for a decided truth, `.missing` for unknown.
  init(truth: Truth) {
    switch truth {
    case .yes: self = .boolean(true)
    case .no: self = .boolean(false)
    case .unknown: self = .missing
    }
  }
}
