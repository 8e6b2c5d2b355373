/// The static type of an expression, found by the checker.
public indirect enum RuleType: Hashable, Sendable, CustomStringConvertible {
  case number(NumberKind)
  case boolean
  case text
  case date
  /// A date, or the explicit "none" of a date-or-none input.
  case dateOrNone
  /// A member of the named enumeration.
  case enumeration(String)
  /// A code of the named classification.
  case code(String)
  case duration
  case list(RuleType)

  /// What a number means, so explanations can show `25%` or `300,000,000`.
  public enum NumberKind: String, Hashable, Sendable {
    case count, decimal, yen, ratio, plain
  }

  public var description: String {
    switch self {
    case .number(let kind): return kind == .plain ? "number" : "number (\(kind.rawValue))"
    case .boolean: return "boolean"
    case .text: return "text"
    case .date: return "date"
    case .dateOrNone: return "date or none"
    case .enumeration(let name): return name
    case .code(let name): return name
    case .duration: return "duration"
    case .list(let element): return "list of \(element)"
    }
  }

  /// Whether values of the two types may be compared or mixed (number kinds mix freely).
  func isCompatible(with other: RuleType) -> Bool {
    switch (self, other) {
    case (.number, .number): return true
    case (.date, .dateOrNone), (.dateOrNone, .date): return true
    default: return self == other
    }
  }

  var isNumber: Bool {
    if case .number = self { return true }
    return false
  }
}
