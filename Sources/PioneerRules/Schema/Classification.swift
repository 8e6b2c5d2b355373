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
      return IndustryCode(
        text: text, path: [text], slot: IndustryCode.Slot(code: text, majorGroup: text))
    }
    guard (1...3).contains(scalars.count), scalars.allSatisfy({ (48...57).contains($0.value) })
    else { return nil }
    let digits = scalars.count == 1 ? "0" + text : text
    let group = Int(digits.prefix(2)) ?? 0
    guard group >= 1, let letter = letter(ofGroup: group) else { return nil }
    let groupText = String(digits.prefix(2))
    let path = digits.count == 3 ? [digits, groupText, letter] : [groupText, letter]
    return IndustryCode(
      text: digits, path: path, slot: IndustryCode.Slot(code: digits, majorGroup: letter))
  }
}

/// A code read against a `Classification`, with its chain from most to least specific
/// (`582` → `["582", "58", "I"]`), so tables can match the longest code.
///
/// Two codes are equal when their texts and paths are; the slot a classification gives the
/// codes it makes is a shortcut for tables, not part of the value.
public struct IndustryCode: Hashable, Sendable, CustomStringConvertible {
  /// The canonical code (`09` for a cell that said `9`).
  public let text: String
  /// The code and its ancestors, most specific first.
  public let path: [String]
  /// Where a table finds this code's answer without hashing its text or walking its path: set
  /// only by `Classification.code(_:)`, which builds the path from the text, so the slot and
  /// the path agree. A code built here may carry any path, so it has none and is looked up
  /// the long way.
  let slot: Slot?

  public init(text: String, path: [String]) {
    self.init(text: text, path: path, slot: nil)
  }

  init(text: String, path: [String], slot: Slot?) {
    self.text = text
    self.path = path
    self.slot = slot
  }

  /// Equal texts and paths, whoever made the codes.
  public static func == (a: IndustryCode, b: IndustryCode) -> Bool {
    a.text == b.text && a.path == b.path
  }

  /// Hashes the text and the path, as `==` compares them.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(text)
    hasher.combine(path)
  }

  public var description: String { text }

  /// A code's place among all the codes a classification with one-letter ASCII major groups
  /// can make, numbered from its text alone (the letters `A`–`Z`, then the two-digit groups
  /// `00`–`99`, then the three-digit codes `000`–`999`), with the letter of its major group.
  /// The two together name the code's whole path (`582` in `I`: `["582", "58", "I"]`), so a
  /// table can keep one answer per slot and check the letter before trusting it.
  struct Slot: Hashable, Sendable {
    /// Slots of the major-group letters, the two-digit groups and the three-digit codes.
    static let letters = 0..<26
    static let groups = 26..<126
    static let minorGroups = 126..<1126
    static let count = minorGroups.upperBound

    /// Into `0..<count`.
    let index: UInt16
    /// The ASCII letter of the code's major group (its path's last step).
    let majorGroup: UInt8

    /// The slot of canonical code `text` whose path ends in `majorGroup`; nil when either
    /// is not of the shape slots number (a letter outside `A`–`Z`, more than three digits).
    init?(code text: String, majorGroup: String) {
      guard let index = Slot.index(of: text), let letter = Slot.letter(majorGroup) else {
        return nil
      }
      self.index = UInt16(truncatingIfNeeded: index)
      self.majorGroup = letter
    }

    /// The slot number of a code's text: a letter `A`–`Z`, two digits or three digits.
    static func index(of text: String) -> Int? {
      let bytes = text.utf8
      if bytes.count == 1, let letter = letter(text) {
        return letters.lowerBound + Int(letter - UInt8(ascii: "A"))
      }
      guard bytes.count == 2 || bytes.count == 3 else { return nil }
      var number = 0
      for byte in bytes {
        guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
        number = number * 10 + Int(byte - UInt8(ascii: "0"))
      }
      return (bytes.count == 2 ? groups.lowerBound : minorGroups.lowerBound) + number
    }

    /// A major-group letter as its ASCII byte, if it is one of `A`–`Z`.
    static func letter(_ text: String) -> UInt8? {
      guard text.utf8.count == 1, let byte = text.utf8.first,
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
      else { return nil }
      return byte
    }
  }
}
