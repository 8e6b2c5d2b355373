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

  static func arithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Value {
    // Nearly always two known, single values: no combinations to work out, no closure.
    if a.isSingle && b.isSingle { return arithmeticOnSingles(op, a, b) }
    return combine(a, b) { x, y in arithmeticOnSingles(op, x, y) }
  }

  /// `arithmetic` of two values that are neither missing nor `oneOf`.
  private static func arithmeticOnSingles(_ op: BinaryOperator, _ x: Value, _ y: Value) -> Value {
    // `if case` on each value rather than a switch over the pair: the pair would be a copy.
    if case .number(let l) = x, case .number(let r) = y {
      let result: ExactNumber?
      switch op {
      case .add: result = l.adding(r)
      case .subtract: result = l.subtracting(r)
      case .multiply: result = l.multiplied(by: r)
      case .divide: result = l.divided(by: r)
      default: result = nil
      }
      return result.map(Value.number) ?? .missing
    }
    if case .date(let date) = x, case .duration(let amount, let unit) = y {
      return shift(date, by: op == .subtract ? -amount : amount, unit)
    }
    return .missing
  }

  /// `date` moved by `amount` units; a day past the end of the target month becomes its last.
  private static func shift(_ date: CivilDate, by amount: Int, _ unit: DurationUnit) -> Value {
    let shifted: CivilDate?
    switch unit {
    case .years:
      let (months, overflow) = amount.multipliedReportingOverflow(by: 12)
      shifted = overflow ? nil : date.adding(months: months)
    case .months: shifted = date.adding(months: amount)
    case .days: shifted = date.adding(days: amount)
    }
    return shifted.map(Value.date) ?? .missing
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
      order = l == r ? 0 : (l < r ? -1 : 1)
    } else if x.isNone || y.isNone {
      // "None" equals only itself and has no order.
      switch op {
      case .equal: return .boolean(x == y)
      case .notEqual: return .boolean(x != y)
      default: return .missing
      }
    } else {
      order = x == y ? 0 : nil
    }
    switch op {
    case .equal: return .boolean(order == 0)
    case .notEqual: return .boolean(order != 0)
    default:
      guard let order else { return .missing }
      switch op {
      case .less: return .boolean(order < 0)
      case .lessOrEqual: return .boolean(order <= 0)
      case .greater: return .boolean(order > 0)
      case .greaterOrEqual: return .boolean(order >= 0)
      default: return .missing
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
