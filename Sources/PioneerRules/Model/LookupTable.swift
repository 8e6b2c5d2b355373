/// A table from codes or enumeration members to values (the JSIC → sector table).
public struct LookupTable: Sendable {
  public let name: String
  public let label: Label
  public let keyType: RuleType
  public let valueType: RuleType
  /// Value by key: a canonical code (`"58"`, `"I"`) or a member name.
  public let entries: [String: Value]
  /// The value for keys no entry matches.
  public let otherwise: Value?
  /// For a classification key, the classification (to reason about codes under a code).
  public let classification: Classification?
  /// For an enumeration key, the enumeration.
  public let enumeration: EnumDeclaration?

  /// Looks a value up. A code stands for every industry under it: the longest listed code on
  /// its path decides, and a letter or group whose industries disagree gives `oneOf` them.
  public func lookup(_ key: Value) -> Value {
    switch key {
    case .missing: return .missing
    case .oneOf(let keys): return Value.possibilities(keys.map(lookup))
    case .member(let index):
      guard let member = enumeration?.members[safe: index] else { return .missing }
      return entries[member.name] ?? otherwise ?? .missing
    case .code(let code):
      guard let classification else { return .missing }
      return codeValue(code, in: classification)
    default:
      return .missing
    }
  }

  private func mostSpecific(_ path: [String]) -> Value {
    for step in path {
      if let value = entries[step] { return value }
    }
    return otherwise ?? .missing
  }

  private func codeValue(_ code: IndustryCode, in classification: Classification) -> Value {
    switch code.path.count {
    case 3:
      return mostSpecific(code.path)
    case 2:
      // A group: itself (and its unlisted minor groups), plus every listed minor group under it.
      let group = code.path[0]
      var values = [mostSpecific(code.path)]
      for (key, value) in entries where key.count == 3 && key.hasPrefix(group) {
        values.append(value)
      }
      return Value.possibilities(values.sorted(by: Value.displayOrder))
    default:
      // A major group: every two-digit group it covers.
      guard let major = classification.majorGroups.first(where: { $0.letter == code.text })
      else { return .missing }
      var values: [Value] = []
      for group in major.firstGroup...max(major.firstGroup, major.lastGroup) {
        let text = group < 10 ? "0\(group)" : "\(group)"
        if let sub = classification.code(text) {
          values.append(codeValue(sub, in: classification))
        }
      }
      return Value.possibilities(values.sorted(by: Value.displayOrder))
    }
  }
}

extension Value {
  /// A stable order for sets of possibilities, so output never depends on hashing.
  static func displayOrder(_ a: Value, _ b: Value) -> Bool {
    String(describing: a) < String(describing: b)
  }
}

extension Array {
  subscript(safe index: Int) -> Element? {
    index >= 0 && index < count ? self[index] : nil
  }
}
