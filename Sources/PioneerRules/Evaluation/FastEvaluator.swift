/// Evaluates a plan over one record at a time, for batch screening: the same results as
/// `Evaluator` (which the explaining path keeps, with its observer), by running the plan's
/// `BatchProgram` — loops over steps into registers of `PlainValue`s, not a call per node.
///
/// The common steps (comparisons and arithmetic on numbers and dates, `and`, `or`, `not`,
/// membership of a member in a list) work on plain values directly. Every step that meets a
/// boxed value, and every rarer step (tables, `within`, an undecided `if`), turns its operands
/// back into `Value`s and calls the same `Operations` as `Evaluator`, so the semantics are
/// defined once. `FastAndExplainingPathsTests` compares the two on random rows.
///
/// A copy shares its registers with the original: one evaluator per thread.
struct FastEvaluator {
  private let plan: Plan
  private let program: BatchProgram
  /// Keeps `registers` allocated for as long as the evaluator lives.
  private let registerStorage: RegisterStorage
  /// One value per register; every index a step names is in range (`BatchProgram`).
  private let registers: UnsafeMutablePointer<PlainValue>
  private var record = Record(line: 0, values: [])
  /// Values with references: the constants' first (kept), then the current record's.
  private var boxes: [Value] = []
  private let constantBoxCount: Int
  /// The record being evaluated, counted from 1, and for each definition the record its
  /// block last ran for.
  private var recordNumber = 0
  private var definitionRecords: [Int]

  init(plan: Plan, asOf: CivilDate) {
    self.plan = plan
    program = plan.batchProgram
    registerStorage = RegisterStorage(count: program.registerCount)
    registers = registerStorage.base
    definitionRecords = Array(repeating: 0, count: program.definitionCount)
    for node in program.presets where node >= 0 && node < program.registerCount {
      switch plan.node(node) {
      case .constant(let constant):
        let value = plan.constants[safe: constant] ?? .missing
        if let plain = PlainValue(value) {
          registers[node] = plain
        } else {
          boxes.append(value)
          registers[node] = .boxed(boxes.count - 1)
        }
      case .asOf:
        registers[node] = .date(asOf)
      default:
        break
      }
    }
    constantBoxCount = boxes.count
  }

  /// Starts on a new record, forgetting the previous record's values and boxes.
  mutating func start(_ record: Record) {
    self.record = record
    boxes.removeSubrange(constantBoxCount..<max(constantBoxCount, boxes.count))
    recordNumber &+= 1
  }

  // MARK: Running blocks

  /// The value of root node `index` for the current record.
  private mutating func root(_ index: Int) -> PlainValue {
    guard let block = program.rootBlocks[safe: index], block >= 0 else { return .missing }
    if block < program.definitionCount {
      ensure(definition: block)
    } else {
      run(block: block)
    }
    return registers[program.registerOfNode[safe: index] ?? program.missingRegister]
  }

  /// Runs definition `slot`'s block unless it has run for this record (marked first, so a
  /// definition that reached itself would stop rather than loop; the checker rejects those).
  private mutating func ensure(definition slot: Int) {
    guard slot >= 0 && slot < definitionRecords.count, definitionRecords[slot] != recordNumber
    else { return }
    definitionRecords[slot] = recordNumber
    run(block: slot)
  }

  private mutating func run(block: Int) {
    guard block >= 0 && block < program.blocks.count else { return }
    let range = program.blocks[block]
    let steps = program.steps
    let r = registers
    var position = max(0, range.lowerBound)
    let end = min(range.upperBound, steps.count)
    while position < end {
      switch steps[position] {
      case .input(let target, let slot):
        r[target] = input(slot)
      case .compare(let target, let op, let a, let b):
        r[target] = compare(op, r[a], r[b])
      case .arithmetic(let target, let op, let a, let b):
        r[target] = arithmetic(op, r[a], r[b])
      case .and(let target, let a, let b):
        let left = truth(r[a])
        r[target] = left == .no ? .boolean(false) : PlainValue(truth: left && truth(r[b]))
      case .or(let target, let a, let b):
        let left = truth(r[a])
        r[target] = left == .yes ? .boolean(true) : PlainValue(truth: left || truth(r[b]))
      case .not(let target, let a):
        r[target] = PlainValue(truth: !truth(r[a]))
      case .member(let target, let subject, let items, let negated):
        let result = member(r[subject], items)
        r[target] = PlainValue(truth: negated ? !result : result)
      case .test(let target, let subject, let kind, let negated):
        let result = test(r[subject], kind)
        r[target] = PlainValue(truth: negated ? !result : result)
      case .conditional(let target, let c, let a, let b):
        switch truth(r[c]) {
        case .yes: r[target] = r[a]
        case .no: r[target] = r[b]
        case .unknown: r[target] = eitherBranch(r[a], r[b])
        }
      case .lookup(let target, let table, let key):
        r[target] = lookup(table, r[key])
      case .firstKnown(let target, let arguments):
        r[target] = firstKnown(arguments)
      case .negate(let target, let a):
        r[target] = negate(r[a])
      case .within(let target, let subject, let items):
        r[target] = within(r[subject], items)
      case .ensure(let slot):
        ensure(definition: slot)
      case .jump(let register, let condition, let target):
        let value = r[register]
        let taken: Bool
        switch condition {
        case .isFalse: taken = truth(value) == .no
        case .isTrue: taken = truth(value) == .yes
        case .isKnown: taken = value != .missing
        }
        // Targets lie ahead, so the loop always ends.
        if taken && target > position {
          position = target
          continue
        }
      }
      position += 1
    }
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

  // MARK: Steps

  /// The register of item `offset` of a list operand.
  @inline(__always)
  private func item(_ range: ItemRange, _ offset: Int) -> Int {
    let position = Int(range.start) + offset
    return position >= 0 && position < program.items.count
      ? program.items[position] : program.missingRegister
  }

  // The rarer steps, out of line so that the loop every step goes through stays small.

  /// The first known argument; the block computed the arguments up to it, and no further.
  @inline(never)
  private func firstKnown(_ arguments: ItemRange) -> PlainValue {
    for offset in 0..<Int(arguments.count) {
      let result = registers[item(arguments, offset)]
      if result != .missing { return result }
    }
    return .missing
  }

  @inline(never)
  private mutating func lookup(_ table: Int, _ key: PlainValue) -> PlainValue {
    let keyValue = value(key)
    guard table >= 0 && table < plan.tables.count else { return .missing }
    return plain(plan.tables[table].lookup(keyValue))
  }

  @inline(never)
  private mutating func within(_ subject: PlainValue, _ items: ItemRange) -> PlainValue {
    let subjectValue = value(subject)
    return PlainValue(truth: Operations.within(subjectValue, values(items)))
  }

  /// An undecided condition's result: one of the branches, decided where they agree.
  @inline(never)
  private mutating func eitherBranch(_ whenTrue: PlainValue, _ whenFalse: PlainValue)
    -> PlainValue
  {
    plain(Value.possibilities([value(whenTrue), value(whenFalse)]))
  }

  /// The values of a list operand, for the steps that work on `Value`s.
  private func values(_ range: ItemRange) -> [Value] {
    var result: [Value] = []
    result.reserveCapacity(Int(range.count))
    for offset in 0..<Int(range.count) { result.append(value(registers[item(range, offset)])) }
    return result
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
  private func member(_ subject: PlainValue, _ items: ItemRange) -> Truth {
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
      for offset in 0..<Int(items.count) where registers[item(items, offset)] == subject {
        return .yes
      }
      return .no
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
    let value = root(index)
    return truth(value)
  }

  mutating func value(ofRoot index: Int) -> Value {
    let root = root(index)
    return value(root)
  }
}

/// The batch evaluator's registers, allocated once per evaluator and freed with it.
private final class RegisterStorage {
  let base: UnsafeMutablePointer<PlainValue>

  init(count: Int) {
    base = .allocate(capacity: max(1, count))
    base.initialize(repeating: .missing, count: max(1, count))
  }

  deinit {
    base.deallocate()
  }
}
