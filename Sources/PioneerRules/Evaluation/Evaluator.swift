/// Evaluates a plan's expressions over one record, with three-valued logic.
///
/// Every operation is total: a missing operand gives `missing` (unknown) unless the known
/// operands decide the result (`false and x`, `true or x`), `oneOf` operands are tried in
/// every combination, and arithmetic that overflows or divides by zero gives `missing` too.
struct Evaluator {
  private let plan: Plan
  private var record = Record(line: 0, values: [])
  private let asOf: Value
  private let observer: EvaluationObserver?
  /// Memoised definition values for the current record; the storage is reused across records.
  private var definitionValues: [Value?]

  init(plan: Plan, asOf: CivilDate, observer: EvaluationObserver?) {
    self.plan = plan
    self.asOf = .date(asOf)
    self.observer = observer
    self.definitionValues = Array(repeating: nil, count: plan.definitionRoots.count)
  }

  /// Starts on a new record, forgetting the previous record's definitions.
  mutating func start(_ record: Record) {
    self.record = record
    for index in definitionValues.indices { definitionValues[index] = nil }
  }

  /// The value of expression `id`.
  mutating func value(of id: ExprID) -> Value {
    evaluate(id.raw)
  }

  /// The value of plan node `index`.
  mutating func evaluate(_ index: Int) -> Value {
    let result = compute(plan.node(index))
    if let observer { observer.observe(ExprID(raw: index), result) }
    return result
  }

  private mutating func values(_ range: ItemRange) -> [Value] {
    var result: [Value] = []
    result.reserveCapacity(Int(range.count))
    for offset in 0..<Int(range.count) {
      let position = Int(range.start) + offset
      guard position < plan.items.count else { break }
      result.append(evaluate(plan.items[position]))
    }
    return result
  }

  private mutating func compute(_ node: PlanNode) -> Value {
    switch node {
    case .constant(let index):
      return plan.constants[safe: index] ?? .missing
    case .input(let slot):
      return slot < record.values.count ? record.values[slot] : .missing
    case .definition(let slot):
      guard slot < definitionValues.count else { return .missing }
      if let known = definitionValues[slot] { return known }
      let value = evaluate(plan.definitionRoots[slot])
      definitionValues[slot] = value
      return value
    case .asOf:
      return asOf
    case .lookup(let table, let key):
      return lookup(table, key)
    case .firstKnown(let arguments):
      return firstKnown(arguments)
    case .not(let operand):
      return Value(truth: !evaluate(operand).truth)
    case .negate(let operand):
      return negate(operand)
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
      let truth = member(subject, items)
      return Value(truth: negated ? !truth : truth)
    case .within(let subject, let items):
      return within(subject, items)
    case .test(let subject, let kind, let negated):
      let truth = Operations.test(evaluate(subject), kind)
      return Value(truth: negated ? !truth : truth)
    case .conditional(let condition, let whenTrue, let whenFalse):
      switch evaluate(condition).truth {
      case .yes: return evaluate(whenTrue)
      case .no: return evaluate(whenFalse)
      case .unknown: return eitherBranch(whenTrue, whenFalse)
      }
    case .invalid:
      return .missing
    }
  }

  // The steps below are out of line on purpose: `compute` recurses for every node, and each
  // case kept inline adds locals (lists, closures, possibilities) to the frame every node
  // pays for. The common steps stay inline; these are rarer or need more room.

  @inline(never)
  private mutating func lookup(_ table: Int, _ key: Int) -> Value {
    let keyValue = evaluate(key)
    return table < plan.tables.count ? plan.tables[table].lookup(keyValue) : .missing
  }

  @inline(never)
  private mutating func firstKnown(_ arguments: ItemRange) -> Value {
    for offset in 0..<Int(arguments.count) {
      let position = Int(arguments.start) + offset
      guard position < plan.items.count else { break }
      let value = evaluate(plan.items[position])
      if !value.isMissing { return value }
    }
    return .missing
  }

  @inline(never)
  private mutating func negate(_ operand: Int) -> Value {
    Operations.negate(evaluate(operand))
  }

  @inline(never)
  private mutating func member(_ subject: Int, _ items: ItemRange) -> Truth {
    let value = evaluate(subject)
    switch value {
    case .oneOf, .missing:
      return Operations.membership(value, values(items))
    default:
      // The common case, a single value: compare item by item without building a list.
      // Every item is still evaluated, so an explanation can show the whole list.
      var hit = false
      for offset in 0..<Int(items.count) {
        let position = Int(items.start) + offset
        guard position < plan.items.count else { break }
        if evaluate(plan.items[position]) == value { hit = true }
      }
      return Truth(hit)
    }
  }

  @inline(never)
  private mutating func within(_ subject: Int, _ items: ItemRange) -> Value {
    let value = evaluate(subject)
    return Value(truth: Operations.within(value, values(items)))
  }

  /// An undecided condition's result: one of the branches, decided where they agree.
  @inline(never)
  private mutating func eitherBranch(_ whenTrue: Int, _ whenFalse: Int) -> Value {
    Value.possibilities([evaluate(whenTrue), evaluate(whenFalse)])
  }
}

/// What `RuleSet.verdict` and `RuleSet.brokenChecks` need of an evaluator: the explaining
/// `Evaluator` and a row of the `BatchEvaluator` (`BatchRow`) both provide it.
protocol RootEvaluating {
  /// The truth of a criterion's or check's root node.
  mutating func truth(ofRoot index: Int) -> Truth
  /// The value of a reported definition's root node.
  mutating func value(ofRoot index: Int) -> Value
}

extension Evaluator: RootEvaluating {
  mutating func truth(ofRoot index: Int) -> Truth { evaluate(index).truth }
  mutating func value(ofRoot index: Int) -> Value { evaluate(index) }
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
