/// A three-valued (Kleene) truth value: a criterion over a missing input is `unknown`
/// unless the known inputs already decide it.
public enum Truth: Hashable, Sendable {
  case yes
  case no
  case unknown

  /// `true`/`false` as `.yes`/`.no`.
  public init(_ value: Bool) {
    self = value ? .yes : .no
  }

  /// Kleene conjunction: `no` wins over `unknown`.
  public static func && (lhs: Truth, rhs: @autoclosure () -> Truth) -> Truth {
    if lhs == .no { return .no }
    let right = rhs()
    if right == .no { return .no }
    return lhs == .yes && right == .yes ? .yes : .unknown
  }

  /// Kleene disjunction: `yes` wins over `unknown`.
  public static func || (lhs: Truth, rhs: @autoclosure () -> Truth) -> Truth {
    if lhs == .yes { return .yes }
    let right = rhs()
    if right == .yes { return .yes }
    return lhs == .no && right == .no ? .no : .unknown
  }

  /// Kleene negation.
  public static prefix func ! (value: Truth) -> Truth {
    switch value {
    case .yes: return .no
    case .no: return .yes
    case .unknown: return .unknown
    }
  }

  /// The spec's words: `pass`, `fail`, `unknown`.
  public var word: String {
    switch self {
    case .yes: return "pass"
    case .no: return "fail"
    case .unknown: return "unknown"
    }
  }
}
