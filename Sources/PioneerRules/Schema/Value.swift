/// A value in a record or produced by an expression.
///
/// `missing` is an empty cell: unknown, not zero and not "no". `oneOf` is a value known only to
/// lie in a set (the JSIC major group I is 卸売業 or 小売業; an `if` whose condition is unknown
/// is one of its two branches), which lets a comparison still decide when every possibility
/// agrees: Kleene logic generalised to the values the engine can narrow down.
public enum Value: Hashable, Sendable {
  case missing
  case text(String)
  case number(ExactNumber)
  case date(CivilDate)
  /// The explicit "there is none" of a date-or-none column (重大な法令違反日: なし).
  case none
  case boolean(Bool)
  /// An enumeration member, by index into its declaration.
  case member(Int)
  case code(IndustryCode)
  /// A list literal's elements.
  case list([Value])
  /// A span of calendar time in a rule (`1 year`), added to or subtracted from dates.
  case duration(Int, DurationUnit)
  /// One of these (at least two distinct, none of them `missing` or `oneOf`).
  case oneOf([Value])

  /// The truth value of a boolean-typed value.
  @inline(__always)
  public var truth: Truth {
    switch self {
    case .boolean(let b): return b ? .yes : .no
    case .oneOf(let values): return Value.commonTruth(values)
    default: return .unknown
    }
  }

  /// The truth all possibilities share, else unknown; out of line, so that `truth` on a
  /// plain boolean (every `and`, `or` and criterion) stays a few instructions.
  @inline(never)
  private static func commonTruth(_ values: [Value]) -> Truth {
    guard let first = values.first?.truth else { return .unknown }
    for value in values.dropFirst() where value.truth != first { return .unknown }
    return first
  }

  /// Whether the value holds a reference, and so must be destroyed when it goes (and
  /// retained when copied: the intake's value cache copies any other value as bytes).
  /// Exhaustive on purpose: a new case must say.
  @inlinable
  public var holdsReference: Bool {
    switch self {
    case .text, .code, .list, .oneOf: return true
    case .missing, .number, .date, .none, .boolean, .member, .duration: return false
    }
  }

  /// Whether the value is missing outright.
  public var isMissing: Bool {
    if case .missing = self { return true }
    return false
  }

  /// Whether the value is one known value: neither missing nor `oneOf`.
  var isSingle: Bool {
    switch self {
    case .missing, .oneOf: return false
    default: return true
    }
  }

  /// Whether the value is the explicit "there is none".
  var isNone: Bool {
    if case .none = self { return true }
    return false
  }

  /// Builds the narrowest value for a set of possibilities: one value when they agree,
  /// `missing` when any is unknown, `oneOf` otherwise.
  public static func possibilities(_ values: [Value]) -> Value {
    // Usually every possibility is the same single value (both branches of an undecided `if`
    // agree): answer that without building a list.
    if let first = values.first, first.isSingle, values.allSatisfy({ $0 == first }) {
      return first
    }
    var flat: [Value] = []
    for value in values {
      switch value {
      case .missing: return .missing
      case .oneOf(let inner):
        for element in inner where !flat.contains(element) { flat.append(element) }
      default:
        if !flat.contains(value) { flat.append(value) }
      }
    }
    if flat.isEmpty { return .missing }
    return flat.count == 1 ? flat[0] : .oneOf(flat)
  }
}
