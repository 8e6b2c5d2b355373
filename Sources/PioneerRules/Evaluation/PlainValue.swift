/// A `Value` that holds no reference: the common values of a row (numbers whose parts fit in
/// 64 bits, dates, booleans, members, durations, none, missing) by value, a code read from an
/// input by where it is, and any other (a text, a list, a `oneOf`, a wider number, a code
/// with no slot) as an index into the evaluator's boxes for the current batch.
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
  /// The code that input `input` of chunk row `row` holds in the evaluator's records, with the
  /// slot its classification gave it. Every row has a JSIC code: kept where it is, it costs
  /// no box to make and destroy, and a table reads its answer by the slot alone.
  case code(IndustryCode.Slot, row: Int32, input: Int32)

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

  /// The value it stands for, if it holds it itself (nil for a boxed value or a code).
  @inline(__always)
  var unboxed: Value? {
    switch self {
    case .missing: return .missing
    case .number(let n): return .number(n.exact)
    case .date(let d): return .date(d)
    case .none: return Value.none
    case .boolean(let b): return .boolean(b)
    case .member(let index): return .member(index)
    case .duration(let amount, let unit): return .duration(amount, unit)
    case .boxed, .code: return nil
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

  /// Whether the value is boxed or a code: held elsewhere, read through
  /// `BatchEvaluator.value(_:)`, never compared by its plain form.
  @inline(__always)
  var isBoxed: Bool {
    switch self {
    case .boxed, .code: return true
    default: return false
    }
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
