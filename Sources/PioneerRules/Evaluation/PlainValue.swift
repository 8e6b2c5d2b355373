/// A `Value` that holds no reference: the common values of a row (numbers whose parts fit in
/// 64 bits, dates, booleans, members, durations, none, missing) by value, and any other (a
/// text, a code, a list, a `oneOf`, a wider number) as an index into the evaluator's boxes for
/// the current batch.
///
/// Copying one is copying bytes: no reference count, no value-witness call. That is the point
/// of the batch evaluator, which keeps one of these in a column for every node of every row;
/// and at 24 bytes (an `ExactNumber` alone takes 32) a column of them is read and written in
/// a little over half the memory traffic of full numbers.
enum PlainValue: Equatable {
  case missing
  case number(SmallNumber)
  case date(CivilDate)
  case none
  case boolean(Bool)
  case member(Int)
  case duration(Int, DurationUnit)
  /// Index into `BatchEvaluator.boxes`.
  case boxed(Int)

  /// The plain form of a value without references; nil for one that needs a box. Inlined:
  /// the evaluator reads every input of every row through it.
  @inline(__always)
  init?(_ value: Value) {
    switch value {
    case .missing: self = .missing
    case .number(let n):
      guard let small = SmallNumber(n) else { return nil }
      self = .number(small)
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

  /// Whether the value is boxed (held by the evaluator, by index).
  @inline(__always)
  var isBoxed: Bool {
    if case .boxed = self { return true }
    return false
  }

  @inline(__always)
  var isMissing: Bool {
    if case .missing = self { return true }
    return false
  }

  /// Whether the value is the explicit "there is none".
  @inline(__always)
  var isNone: Bool {
    if case .none = self { return true }
    return false
  }
}

/// An `ExactNumber` whose numerator and denominator fit in 64 bits: nearly every number a
/// row holds or a rule makes. Same value, same order, same equality; 16 bytes.
struct SmallNumber: Equatable {
  /// In lowest terms, with `denominator` ≥ 1, as `ExactNumber.smallParts` gives them.
  let parts: (numerator: Int64, denominator: Int64)

  /// `number` when its parts fit.
  @inline(__always)
  init?(_ number: ExactNumber) {
    guard let parts = number.smallParts else { return nil }
    self.parts = parts
  }

  /// The number as an `ExactNumber`.
  @inline(__always)
  var exact: ExactNumber {
    ExactNumber(smallNumerator: parts.numerator, denominator: parts.denominator)
  }

  /// -1, 0 or 1, as `ExactNumber.compare`.
  @inline(__always)
  static func compare(_ a: SmallNumber, _ b: SmallNumber) -> Int {
    ExactNumber.compareSmall(a.parts, b.parts)
  }

  /// `a op b` for two integers when the result is an integer or a fraction whose parts fit in
  /// 64 bits, as `Operations.numbers` computes it (nil for a divisor of zero, `.unknown` to
  /// take the general path: operands that are not integers, or a result that does not fit).
  /// Counts and yen amounts are integers, and every ratio a rule makes of them starts here.
  @inline(__always)
  static func integers(_ op: BinaryOperator, _ a: SmallNumber, _ b: SmallNumber) -> IntegerResult {
    guard a.parts.denominator == 1 && b.parts.denominator == 1 else { return .unknown }
    let l = a.parts.numerator
    let r = b.parts.numerator
    let (value, overflow): (Int64, Bool)
    switch op {
    case .add: (value, overflow) = l.addingReportingOverflow(r)
    case .subtract: (value, overflow) = l.subtractingReportingOverflow(r)
    case .multiply: (value, overflow) = l.multipliedReportingOverflow(by: r)
    case .divide:
      guard r != 0 else { return .none }
      // `Int64.min` has no positive counterpart: the general path handles it.
      guard l != .min && r != .min else { return .unknown }
      let divisor = Int64(bitPattern: ExactNumber.gcd(l.magnitude, r.magnitude))
      // In lowest terms with a positive denominator, as `ExactNumber` keeps every number.
      let sign: Int64 = r < 0 ? -1 : 1
      return .number(SmallNumber(parts: (sign * (l / divisor), sign * (r / divisor))))
    default: return .unknown
    }
    return overflow ? .unknown : .number(SmallNumber(parts: (value, 1)))
  }

  /// What `integers` gives.
  enum IntegerResult {
    case number(SmallNumber)
    /// No number: the division by zero `Operations.numbers` answers with nil.
    case none
    /// Not worked out here.
    case unknown
  }

  private init(parts: (numerator: Int64, denominator: Int64)) {
    self.parts = parts
  }

  /// Equal parts: both are in lowest terms.
  static func == (a: SmallNumber, b: SmallNumber) -> Bool {
    a.parts == b.parts
  }
}
