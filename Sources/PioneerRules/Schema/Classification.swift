/// A hierarchical code system such as JSIC Rev.13: major groups named by a letter, each
/// covering a range of two-digit groups, which split into three-digit minor groups.
///
/// The letters and their ranges come from the rule file; the engine only knows the shape.
public struct Classification: Hashable, Sendable {
  /// The identifier in the rule file (`JSIC`).
  public let name: String
  /// The classification's label.
  public let label: Label
  /// Major groups in declaration order.
  public let majorGroups: [MajorGroup]

  public init(name: String, label: Label, majorGroups: [MajorGroup]) {
    self.name = name
    self.label = label
    self.majorGroups = majorGroups
  }

  /// A major group: a letter and the two-digit groups it covers.
  public struct MajorGroup: Hashable, Sendable {
    public let letter: String
    public let firstGroup: Int
    public let lastGroup: Int

    public init(letter: String, firstGroup: Int, lastGroup: Int) {
      self.letter = letter
      self.firstGroup = firstGroup
      self.lastGroup = lastGroup
    }
  }

  /// The major-group letter of a two-digit group.
  public func letter(ofGroup group: Int) -> String? {
    majorGroups.first { $0.firstGroup <= group && group <= $0.lastGroup }?.letter
  }

  /// Reads a normalised code: a major-group letter, or 1–3 digits whose two-digit group
  /// exists (a single digit is its zero-padded group, since spreadsheets drop leading zeros).
  public func code(_ text: String) -> IndustryCode? {
    let scalars = Array(text.unicodeScalars)
    if scalars.count == 1, let first = scalars.first, first.properties.isUppercase,
      majorGroups.contains(where: { $0.letter == text })
    {
      return IndustryCode(text: text, path: [text])
    }
    guard (1...3).contains(scalars.count), scalars.allSatisfy({ (48...57).contains($0.value) })
    else { return nil }
    let digits = scalars.count == 1 ? "0" + text : text
    let group = Int(digits.prefix(2)) ?? 0
    guard group >= 1, let letter = letter(ofGroup: group) else { return nil }
    let groupText = String(digits.prefix(2))
    let path = digits.count == 3 ? [digits, groupText, letter] : [groupText, letter]
    return IndustryCode(text: digits, path: path)
  }
}

/// A code read against a `Classification`, with its chain from most to least specific
/// (`582` → `["582", "58", "I"]`), so tables can match the longest code.
public struct IndustryCode: Hashable, Sendable, CustomStringConvertible {
  /// The canonical code (`09` for a cell that said `9`).
  public let text: String
  /// The code and its ancestors, most specific first.
  public let path: [String]

  public init(text: String, path: [String]) {
    self.text = text
    self.path = path
  }

  public var description: String { text }
}
