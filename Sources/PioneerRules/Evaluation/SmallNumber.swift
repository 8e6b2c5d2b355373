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
  /// 64 bits, as `Operations.numbers` computes it; `.generalPath` for operands that are not
  /// integers or a result that does not fit.
  /// Counts and yen amounts are integers, and every ratio a rule makes of them starts here.
  @inline(__always)
  static func integers(_ op: BinaryOperator, _ a: SmallNumber, _ b: SmallNumber) -> IntegerResult {
    guard a.parts.denominator == 1 && b.parts.denominator == 1 else { return .generalPath }
    let l = a.parts.numerator
    let r = b.parts.numerator
    let (value, overflow): (Int64, Bool)
    switch op {
    case .add: (value, overflow) = l.addingReportingOverflow(r)
    case .subtract: (value, overflow) = l.subtractingReportingOverflow(r)
    case .multiply: (value, overflow) = l.multipliedReportingOverflow(by: r)
    case .divide:
      guard r != 0 else { return .divisionByZero }
      // `Int64.min` has no positive counterpart: the general path handles it.
      guard l != .min && r != .min else { return .generalPath }
      let divisor = Int64(bitPattern: ExactNumber.gcd(l.magnitude, r.magnitude))
      // In lowest terms with a positive denominator, as `ExactNumber` keeps every number.
      let sign: Int64 = r < 0 ? -1 : 1
      return .number(SmallNumber(parts: (sign * (l / divisor), sign * (r / divisor))))
    default: return .generalPath
    }
    return overflow ? .generalPath : .number(SmallNumber(parts: (value, 1)))
  }

  /// What `integers` gives.
  enum IntegerResult {
    case number(SmallNumber)
    /// A division by zero, which `Operations.numbers` answers with nil.
    case divisionByZero
    /// Not worked out here: `Operations.numbers` decides.
    case generalPath
  }

  private init(parts: (numerator: Int64, denominator: Int64)) {
    self.parts = parts
  }

  /// Equal parts: both are in lowest terms.
  static func == (a: SmallNumber, b: SmallNumber) -> Bool {
    a.parts == b.parts
  }
}
