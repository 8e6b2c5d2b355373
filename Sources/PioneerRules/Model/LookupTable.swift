/// A table from codes or enumeration members to values (the JSIC → sector table). A class, so
/// a look-up per row does not copy its dictionaries.
public final class LookupTable: Sendable {
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
  /// The answer for every major group and two-digit group, worked out once when the table is
  /// built: screening a row then costs a dictionary look-up, not a walk over the hierarchy.
  private let resolved: [String: Value]
  /// The answer for each member, by index.
  private let byMember: [Value]

  public init(
    name: String, label: Label, keyType: RuleType, valueType: RuleType, entries: [String: Value],
    otherwise: Value?, classification: Classification?, enumeration: EnumDeclaration?
  ) {
    self.name = name
    self.label = label
    self.keyType = keyType
    self.valueType = valueType
    self.entries = entries
    self.otherwise = otherwise
    self.classification = classification
    self.enumeration = enumeration
    byMember = enumeration?.members.map { entries[$0.name] ?? otherwise ?? .missing } ?? []
    var resolved: [String: Value] = [:]
    if let classification {
      for major in classification.majorGroups {
        var values: [Value] = []
        for group in major.firstGroup...max(major.firstGroup, major.lastGroup) {
          let text = group < 10 ? "0\(group)" : "\(group)"
          guard let code = classification.code(text) else { continue }
          // A group: itself (and its unlisted minor groups) and every listed minor group.
          var groupValues = [LookupTable.mostSpecific(code.path, entries, otherwise)]
          for (key, value) in entries where key.count == 3 && key.hasPrefix(text) {
            groupValues.append(value)
          }
          let groupValue = Value.possibilities(groupValues.sorted(by: Value.displayOrder))
          resolved[text] = groupValue
          values.append(groupValue)
        }
        // A major group: every two-digit group it covers.
        resolved[major.letter] = Value.possibilities(values.sorted(by: Value.displayOrder))
      }
    }
    self.resolved = resolved
  }

  /// Looks a value up. A code stands for every industry under it: the longest listed code on
  /// its path decides, and a letter or group whose industries disagree gives `oneOf` them.
  public func lookup(_ key: Value) -> Value {
    switch key {
    case .missing: return .missing
    case .oneOf(let keys): return Value.possibilities(keys.map(lookup))
    case .member(let index):
      return byMember[safe: index] ?? .missing
    case .code(let code):
      if code.path.count == 3 { return LookupTable.mostSpecific(code.path, entries, otherwise) }
      return resolved[code.text] ?? .missing
    default:
      return .missing
    }
  }

  private static func mostSpecific(
    _ path: [String], _ entries: [String: Value], _ otherwise: Value?
  )
    -> Value
  {
    for step in path {
      if let value = entries[step] { return value }
    }
    return otherwise ?? .missing
  }
}

extension Value {
  /// A stable order for sets of possibilities, so output never depends on hashing:
  /// members by declaration order, numbers and dates by value, anything else by its text.
  static func displayOrder(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.member(let x), .member(let y)): return x < y
    case (.number(let x), .number(let y)): return x < y
    case (.date(let x), .date(let y)): return x < y
    case (.text(let x), .text(let y)): return x < y
    default: return String(describing: a) < String(describing: b)
    }
  }
}
