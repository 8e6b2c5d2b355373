/// The one place that turns a value into text for people, in either language.
public struct ValueFormatter: Sendable {
  public let ruleSet: RuleSet
  public let language: Language

  public init(ruleSet: RuleSet, language: Language) {
    self.ruleSet = ruleSet
    self.language = language
  }

  /// A value of the given type as text (`25%`, `4人`, `小売業`, `未入力`).
  public func text(_ value: Value, type: RuleType?) -> String {
    switch value {
    case .missing: return language == .ja ? "未入力" : "missing"
    case .none: return language == .ja ? "なし" : "none"
    case .boolean(let b): return language == .ja ? (b ? "はい" : "いいえ") : (b ? "yes" : "no")
    case .text(let t): return t
    case .date(let d): return d.description
    case .code(let c): return c.text
    case .member(let index):
      guard case .enumeration(let name)? = type,
        let member = ruleSet.enumerations.first(where: { $0.name == name })?.members[safe: index]
      else { return "#\(index)" }
      return member.text(language)
    case .number(let n): return number(n, type: type)
    case .duration(let amount, let unit):
      switch (unit, language) {
      case (.years, .ja): return "\(amount)年"
      case (.months, .ja): return "\(amount)か月"
      case (.days, .ja): return "\(amount)日"
      default: return "\(amount) \(unit.rawValue)"
      }
    case .list(let items):
      return "[" + items.map { text($0, type: elementType(type)) }.joined(separator: ", ") + "]"
    case .oneOf(let values):
      return values.map { text($0, type: type) }.joined(
        separator: language == .ja ? " または " : " or ")
    }
  }

  /// The value of an input, typed by its declaration.
  public func text(_ value: Value, input: InputDeclaration) -> String {
    text(value, type: RuleType(input: input.type))
  }

  private func number(_ n: ExactNumber, type: RuleType?) -> String {
    switch type {
    case .number(.ratio)?: return n.percentString
    case .number(.yen)?:
      return grouped(n) + (language == .ja ? "円" : " yen")
    case .number(.count)?:
      return grouped(n) + (language == .ja ? "人" : "")
    default:
      return n.decimalString(maximumFractionDigits: 4) ?? n.description
    }
  }

  private func grouped(_ n: ExactNumber) -> String {
    guard n.isInteger else { return n.decimalString(maximumFractionDigits: 4) ?? n.description }
    let digits = String(n.numerator.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return (n.numerator < 0 ? "-" : "") + out
  }

  private func elementType(_ type: RuleType?) -> RuleType? {
    if case .list(let element)? = type { return element }
    return type
  }

  /// A truth in words: 満たす / 満たさない / 不明.
  public func text(_ truth: Truth) -> String {
    switch (truth, language) {
    case (.yes, .ja): return "満たす"
    case (.no, .ja): return "満たさない"
    case (.unknown, .ja): return "判定不能"
    case (.yes, .en): return "pass"
    case (.no, .en): return "fail"
    case (.unknown, .en): return "unknown"
    }
  }
}
