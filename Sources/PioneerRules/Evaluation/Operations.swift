/// The value-level operations of the language, total over every input.
enum Operations {
  /// Applies `f` to a value, or to each possibility of a `oneOf`; missing stays missing.
  static func map(_ value: Value, _ f: (Value) -> Value) -> Value {
    switch value {
    case .missing: return .missing
    case .oneOf(let values): return Value.possibilities(values.map(f))
    default: return f(value)
    }
  }

  /// Applies `f` to every combination of possibilities of two values.
  static func combine(_ a: Value, _ b: Value, _ f: (Value, Value) -> Value) -> Value {
    switch (a, b) {
    case (.missing, _), (_, .missing): return .missing
    case (.oneOf(let xs), _): return Value.possibilities(xs.map { combine($0, b, f) })
    case (_, .oneOf(let ys)): return Value.possibilities(ys.map { combine(a, $0, f) })
    default: return f(a, b)
    }
  }

  /// `-value`: numbers only, each possibility of a `oneOf`; anything else is missing.
  static func negate(_ value: Value) -> Value {
    map(value) { value in
      guard case .number(let n) = value else { return .missing }
      return ExactNumber.zero.subtracting(n).map(Value.number) ?? .missing
    }
  }

  static func arithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Value {
    // Nearly always two known, single values: no combinations to work out, no closure.
    if a.isSingle && b.isSingle { return arithmeticOnSingles(op, a, b) }
    return combine(a, b) { x, y in arithmeticOnSingles(op, x, y) }
  }

  /// `arithmetic` of two values that are neither missing nor `oneOf`.
  private static func arithmeticOnSingles(_ op: BinaryOperator, _ x: Value, _ y: Value) -> Value {
    // `if case` on each value rather than a switch over the pair: the pair would be a copy.
    if case .number(let l) = x, case .number(let r) = y {
      return numbers(op, l, r).map(Value.number) ?? .missing
    }
    if case .date(let date) = x, case .duration(let amount, let unit) = y {
      return shifted(date, op, amount, unit).map(Value.date) ?? .missing
    }
    return .missing
  }

  /// `l op r` for an arithmetic operator; nil on overflow, division by zero or another `op`.
  static func numbers(_ op: BinaryOperator, _ l: ExactNumber, _ r: ExactNumber) -> ExactNumber? {
    switch op {
    case .add: return l.adding(r)
    case .subtract: return l.subtracting(r)
    case .multiply: return l.multiplied(by: r)
    case .divide: return l.divided(by: r)
    default: return nil
    }
  }

  /// `date + duration` or `date - duration`; nil when the result is out of range.
  static func shifted(
    _ date: CivilDate, _ op: BinaryOperator, _ amount: Int, _ unit: DurationUnit
  ) -> CivilDate? {
    shift(date, by: op == .subtract ? -amount : amount, unit)
  }

  /// `date` moved by `amount` units; a day past the end of the target month becomes its last.
  private static func shift(_ date: CivilDate, by amount: Int, _ unit: DurationUnit) -> CivilDate? {
    switch unit {
    case .years:
      let (months, overflow) = amount.multipliedReportingOverflow(by: 12)
      return overflow ? nil : date.adding(months: months)
    case .months: return date.adding(months: amount)
    case .days: return date.adding(days: amount)
    }
  }

  static func compare(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Value {
    if a.isSingle && b.isSingle { return compareSingles(op, a, b) }
    return combine(a, b) { x, y in compareSingles(op, x, y) }
  }

  /// `compare` of two values that are neither missing nor `oneOf`.
  private static func compareSingles(_ op: BinaryOperator, _ x: Value, _ y: Value) -> Value {
    let order: Int?
    if case .number(let l) = x, case .number(let r) = y {
      order = ExactNumber.compare(l, r)
    } else if case .date(let l) = x, case .date(let r) = y {
      order = dateOrder(l, r)
    } else if x.isNone || y.isNone {
      return noneComparison(op, equal: x == y).map(Value.boolean) ?? .missing
    } else {
      order = x == y ? 0 : nil
    }
    return comparison(op, order: order).map(Value.boolean) ?? .missing
  }

  /// -1, 0 or 1.
  static func dateOrder(_ l: CivilDate, _ r: CivilDate) -> Int {
    l == r ? 0 : (l < r ? -1 : 1)
  }

  /// A comparison with "none" on either side: it equals only itself and has no order, so
  /// only `=` and `≠` decide (nil: unknown).
  static func noneComparison(_ op: BinaryOperator, equal: Bool) -> Bool? {
    switch op {
    case .equal: return equal
    case .notEqual: return !equal
    default: return nil
    }
  }

  /// Whether `op` holds for two values in `order` (-1, 0, 1; nil when they have none, which
  /// decides only `=` and `≠`); nil when it cannot be decided.
  static func comparison(_ op: BinaryOperator, order: Int?) -> Bool? {
    switch op {
    case .equal: return order == 0
    case .notEqual: return order != 0
    default:
      guard let order else { return nil }
      switch op {
      case .less: return order < 0
      case .lessOrEqual: return order <= 0
      case .greater: return order > 0
      case .greaterOrEqual: return order >= 0
      default: return nil
      }
    }
  }

  static func membership(_ value: Value, _ items: [Value]) -> Truth {
    let possibilities: [Value]
    switch value {
    case .missing: return .unknown
    case .oneOf(let values): possibilities = values
    default: possibilities = [value]
    }
    let hits = possibilities.map { items.contains($0) }
    if hits.allSatisfy({ $0 }) { return .yes }
    if hits.allSatisfy({ !$0 }) { return .no }
    return .unknown
  }

  /// Whether a code is, or falls under, a listed code; unknown when a listed code falls
  /// under it (the letter M is not known to be within 75).
  static func within(_ value: Value, _ items: [Value]) -> Truth {
    guard case .code(let code) = value else { return .unknown }
    var listed: [IndustryCode] = []
    for item in items {
      if case .code(let other) = item { listed.append(other) }
    }
    if listed.contains(where: { code.path.contains($0.text) }) { return .yes }
    if listed.contains(where: { $0.path.contains(code.text) }) { return .unknown }
    return .no
  }

  static func test(_ value: Value, _ kind: TestKind) -> Truth {
    switch kind {
    case .missing:
      return Truth(value.isMissing)
    case .none:
      switch value {
      case .missing: return .unknown
      case .none: return .yes
      case .oneOf(let values):
        return membership(.none, values) == .no ? .no : .unknown
      default: return .no
      }
    }
  }
}
