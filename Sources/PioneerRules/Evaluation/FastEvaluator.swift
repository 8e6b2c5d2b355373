/// A `Value` that holds no reference: the common values of a row (numbers, dates, booleans,
/// members, durations, none, missing) by value, and any other (a text, a code, a list, a
/// `oneOf`) as an index into the evaluator's boxes for the current record.
///
/// Copying one is copying bytes: no reference count, no value-witness call. That is the point
/// of the batch evaluator, which passes one of these up from every node of every row.
enum PlainValue: Equatable {
  case missing
  case number(ExactNumber)
  case date(CivilDate)
  case none
  case boolean(Bool)
  case member(Int)
  case duration(Int, DurationUnit)
  /// Index into `FastEvaluator.boxes`.
  case boxed(Int)

  /// The plain form of a value without references; nil for one that needs a box.
  init?(_ value: Value) {
    switch value {
    case .missing: self = .missing
    case .number(let n): self = .number(n)
    case .date(let d): self = .date(d)
    case .none: self = .none
    case .boolean(let b): self = .boolean(b)
    case .member(let index): self = .member(index)
    case .duration(let amount, let unit): self = .duration(amount, unit)
    case .text, .code, .list, .oneOf: return nil
    }
  }

  /// `.boolean` for a decided truth, `.missing` for unknown (as `Value(truth:)`).
  init(truth: Truth) {
    switch truth {
    case .yes: self = .boolean(true)
    case .no: self = .boolean(false)
    case .unknown: self = .missing
    }
  }
}

/// Evaluates a plan over one record at a time, for batch screening: the same results as
/// `Evaluator` (which the explaining path keeps, with its observer), over `PlainValue`s.
///
/// The common steps (comparisons and arithmetic on numbers and dates, `and`, `or`, `not`,
/// membership of a member in a list) work on plain values directly. Every step that meets a
/// boxed value, and every rarer step (tables, `within`, an undecided `if`), turns its operands
/// back into `Value`s and calls the same `Operations` as `Evaluator`, so the semantics are
/// defined once. `FastAndExplainingPathsTests` compares the two on random rows.
struct FastEvaluator {
  private let plan: Plan
  private var record = Record(line: 0, values: [])
  private let asOf: CivilDate
  /// Memoised definition values for the current record; the storage is reused.
  private var definitionValues: [PlainValue?]
  /// The values with references met in the current record; emptied per record, capacity kept.
  private var boxes: [Value] = []

  init(plan: Plan, asOf: CivilDate) {
    self.plan = plan
    self.asOf = asOf
    self.definitionValues = Array(repeating: nil, count: plan.definitionRoots.count)
  }

  /// Starts on a new record, forgetting the previous record's definitions and boxes.
  mutating func start(_ record: Record) {
    self.record = record
    for index in definitionValues.indices { definitionValues[index] = nil }
    boxes.removeAll(keepingCapacity: true)
  }

  // MARK: Between plain values and values

  /// The plain form of `value`, boxing it when it holds a reference.
  private mutating func plain(_ value: Value) -> PlainValue {
    if let plain = PlainValue(value) { return plain }
    boxes.append(value)
    return .boxed(boxes.count - 1)
  }

  /// The plain value of input `slot`, read in place: switching on the record's own element
  /// copies only the payload, where passing the element to `plain` copied the whole `Value`.
  private mutating func input(_ slot: Int) -> PlainValue {
    guard slot >= 0 && slot < record.values.count else { return .missing }
    switch record.values[slot] {
    case .missing: return .missing
    case .number(let n): return .number(n)
    case .date(let d): return .date(d)
    case .none: return .none
    case .boolean(let b): return .boolean(b)
    case .member(let index): return .member(index)
    case .duration(let amount, let unit): return .duration(amount, unit)
    case .text, .code, .list, .oneOf:
      boxes.append(record.values[slot])
      return .boxed(boxes.count - 1)
    }
  }

  /// The value a plain value stands for.
  ///
  /// Never call this (or `truth`, `test`) as `value(evaluate(…))`: a non-mutating method reads
  /// `self` before its argument is evaluated, so it would look for a box in the boxes as they
  /// were before `evaluate` added it. Evaluate into a local first.
  private func value(_ plain: PlainValue) -> Value {
    switch plain {
    case .missing: return .missing
    case .number(let n): return .number(n)
    case .date(let d): return .date(d)
    case .none: return .none
    case .boolean(let b): return .boolean(b)
    case .member(let index): return .member(index)
    case .duration(let amount, let unit): return .duration(amount, unit)
    case .boxed(let index): return boxes[safe: index] ?? .missing
    }
  }

  /// The truth of a boolean-typed value (as `Value.truth`).
  @inline(__always)
  private func truth(_ plain: PlainValue) -> Truth {
    switch plain {
    case .boolean(let b): return b ? .yes : .no
    case .boxed: return boxedTruth(plain)
    default: return .unknown
    }
  }

  /// `truth` of a boxed value (a `oneOf` of booleans), kept out of line so that `truth`
  /// itself inlines into every `and`, `or`, `not` and criterion as a tag test.
  @inline(never)
  private func boxedTruth(_ plain: PlainValue) -> Truth {
    value(plain).truth
  }

  // MARK: Evaluation

  /// The value of plan node `index`.
  mutating func evaluate(_ index: Int) -> PlainValue {
    switch plan.node(index) {
    case .constant(let constant):
      guard constant >= 0 && constant < plan.constants.count else { return .missing }
      if let plain = plan.plainConstants[constant] { return plain }
      return plain(plan.constants[constant])
    case .input(let slot):
      return input(slot)
    case .definition(let slot):
      guard slot >= 0 && slot < definitionValues.count else { return .missing }
      if let known = definitionValues[slot] { return known }
      let result = evaluate(plan.definitionRoots[slot])
      definitionValues[slot] = result
      return result
    case .asOf:
      return .date(asOf)
    case .lookup(let table, let key):
      return lookup(table, key)
    case .firstKnown(let arguments):
      return firstKnown(arguments)
    case .not(let operand):
      let operandValue = evaluate(operand)
      return PlainValue(truth: !truth(operandValue))
    case .negate(let operand):
      let operandValue = evaluate(operand)
      return negate(operandValue)
    case .arithmetic(let op, let left, let right):
      let l = operand(left)
      let r = operand(right)
      return arithmetic(op, l, r)
    case .compare(let op, let left, let right):
      let l = operand(left)
      let r = operand(right)
      return compare(op, l, r)
    case .and(let left, let right):
      let leftValue = evaluate(left)
      let l = truth(leftValue)
      if l == .no { return .boolean(false) }
      let rightValue = evaluate(right)
      return PlainValue(truth: l && truth(rightValue))
    case .or(let left, let right):
      let leftValue = evaluate(left)
      let l = truth(leftValue)
      if l == .yes { return .boolean(true) }
      let rightValue = evaluate(right)
      return PlainValue(truth: l || truth(rightValue))
    case .member(let subject, let items, let negated):
      let subjectValue = evaluate(subject)
      let result = member(subjectValue, items)
      return PlainValue(truth: negated ? !result : result)
    case .within(let subject, let items):
      return within(subject, items)
    case .test(let subject, let kind, let negated):
      let subjectValue = evaluate(subject)
      let result = test(subjectValue, kind)
      return PlainValue(truth: negated ? !result : result)
    case .conditional(let condition, let whenTrue, let whenFalse):
      let conditionValue = evaluate(condition)
      switch truth(conditionValue) {
      case .yes: return evaluate(whenTrue)
      case .no: return evaluate(whenFalse)
      case .unknown: return eitherBranch(whenTrue, whenFalse)
      }
    case .invalid:
      return .missing
    }
  }

  /// The value of an operand: an input, a plain constant or a definition already worked out
  /// is read here, without the call `evaluate` costs; anything else is evaluated. Most
  /// operands of comparisons and arithmetic in a rule set are such leaves.
  @inline(__always)
  private mutating func operand(_ index: Int) -> PlainValue {
    if index >= 0 && index < plan.nodes.count {
      switch plan.nodes[index] {
      case .input(let slot):
        return input(slot)
      case .constant(let constant) where constant >= 0 && constant < plan.plainConstants.count:
        if let plain = plan.plainConstants[constant] { return plain }
      case .definition(let slot) where slot >= 0 && slot < definitionValues.count:
        if let known = definitionValues[slot] { return known }
      default:
        break
      }
    }
    return evaluate(index)
  }

  // The rarer steps, out of line so that the frame every node pays for stays small.

  @inline(never)
  private mutating func lookup(_ table: Int, _ key: Int) -> PlainValue {
    let keyPlain = evaluate(key)
    let keyValue = value(keyPlain)
    guard table >= 0 && table < plan.tables.count else { return .missing }
    return plain(plan.tables[table].lookup(keyValue))
  }

  @inline(never)
  private mutating func within(_ subject: Int, _ items: ItemRange) -> PlainValue {
    let subjectPlain = evaluate(subject)
    let subjectValue = value(subjectPlain)
    let itemValues = values(items)
    return PlainValue(truth: Operations.within(subjectValue, itemValues))
  }

  /// An undecided condition's result: one of the branches, decided where they agree.
  @inline(never)
  private mutating func eitherBranch(_ whenTrue: Int, _ whenFalse: Int) -> PlainValue {
    let trueBranch = evaluate(whenTrue)
    let falseBranch = evaluate(whenFalse)
    return plain(Value.possibilities([value(trueBranch), value(falseBranch)]))
  }

  /// The values of a run of items, for the steps that work on `Value`s.
  private mutating func values(_ range: ItemRange) -> [Value] {
    var result: [Value] = []
    result.reserveCapacity(Int(range.count))
    for offset in 0..<Int(range.count) {
      let position = Int(range.start) + offset
      guard position < plan.items.count else { break }
      let item = evaluate(plan.items[position])
      result.append(value(item))
    }
    return result
  }

  @inline(never)
  private mutating func firstKnown(_ arguments: ItemRange) -> PlainValue {
    for offset in 0..<Int(arguments.count) {
      let position = Int(arguments.start) + offset
      guard position < plan.items.count else { break }
      let result = evaluate(plan.items[position])
      if result != .missing { return result }
    }
    return .missing
  }

  @inline(never)
  private mutating func negate(_ operand: PlainValue) -> PlainValue {
    switch operand {
    case .missing: return .missing
    case .number(let n): return ExactNumber.zero.subtracting(n).map(PlainValue.number) ?? .missing
    case .boxed: return plain(Operations.negate(value(operand)))
    default: return .missing
    }
  }

  /// As `Operations.arithmetic`: missing if either side is, each possibility of a boxed
  /// `oneOf` through `Operations`.
  private mutating func arithmetic(_ op: BinaryOperator, _ a: PlainValue, _ b: PlainValue)
    -> PlainValue
  {
    if case .boxed = a { return plain(Operations.arithmetic(op, value(a), value(b))) }
    if case .boxed = b { return plain(Operations.arithmetic(op, value(a), value(b))) }
    if case .number(let l) = a, case .number(let r) = b {
      return Operations.numbers(op, l, r).map(PlainValue.number) ?? .missing
    }
    if case .date(let date) = a, case .duration(let amount, let unit) = b {
      return Operations.shifted(date, op, amount, unit).map(PlainValue.date) ?? .missing
    }
    return .missing
  }

  /// As `Operations.compare`.
  private mutating func compare(_ op: BinaryOperator, _ a: PlainValue, _ b: PlainValue)
    -> PlainValue
  {
    if case .boxed = a { return plain(Operations.compare(op, value(a), value(b))) }
    if case .boxed = b { return plain(Operations.compare(op, value(a), value(b))) }
    if a == .missing || b == .missing { return .missing }
    let order: Int?
    if case .number(let l) = a, case .number(let r) = b {
      order = ExactNumber.compare(l, r)
    } else if case .date(let l) = a, case .date(let r) = b {
      order = Operations.dateOrder(l, r)
    } else if a == .none || b == .none {
      return Operations.noneComparison(op, equal: a == b).map(PlainValue.boolean) ?? .missing
    } else {
      // Neither is boxed, so plain equality is the values' equality.
      order = a == b ? 0 : nil
    }
    return Operations.comparison(op, order: order).map(PlainValue.boolean) ?? .missing
  }

  /// As `Evaluator`'s membership: a single value item by item, anything else through
  /// `Operations.membership`.
  private mutating func member(_ subject: PlainValue, _ items: ItemRange) -> Truth {
    switch subject {
    case .missing:
      return .unknown
    case .boxed:
      let subjectValue = value(subject)
      let itemValues = values(items)
      if case .oneOf = subjectValue { return Operations.membership(subjectValue, itemValues) }
      return Truth(itemValues.contains(subjectValue))
    default:
      // A boxed item never equals a plain subject, so plain equality decides.
      var hit = false
      for offset in 0..<Int(items.count) {
        let position = Int(items.start) + offset
        guard position < plan.items.count else { break }
        if evaluate(plan.items[position]) == subject { hit = true }
      }
      return Truth(hit)
    }
  }

  /// As `Operations.test`.
  private func test(_ subject: PlainValue, _ kind: TestKind) -> Truth {
    if case .boxed = subject { return Operations.test(value(subject), kind) }
    switch kind {
    case .missing: return Truth(subject == .missing)
    case .none:
      switch subject {
      case .missing: return .unknown
      case .none: return .yes
      default: return .no
      }
    }
  }
}

extension FastEvaluator: RootEvaluating {
  mutating func truth(ofRoot index: Int) -> Truth {
    let root = evaluate(index)
    return truth(root)
  }

  mutating func value(ofRoot index: Int) -> Value {
    let root = evaluate(index)
    return value(root)
  }
}
