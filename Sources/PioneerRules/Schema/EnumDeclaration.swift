/// A closed set of values with the spellings a spreadsheet may use for each.
public struct EnumDeclaration: Hashable, Sendable {
  /// The type's identifier in the rule file.
  public let name: String
  /// The type's label.
  public let label: Label
  /// The members, in declaration order; a `Value.member` holds an index into this.
  public let members: [EnumMember]

  public init(name: String, label: Label, members: [EnumMember]) {
    self.name = name
    self.label = label
    self.members = members
  }

  /// The member index a spelling denotes (its canonical name or an alias), compared after
  /// the caller has normalised the text; ASCII letters match case-insensitively.
  public func member(spelled text: String) -> Int? {
    let folded = EnumDeclaration.fold(text)
    for (index, member) in members.enumerated() {
      if EnumDeclaration.fold(member.name) == folded { return index }
      for alias in member.aliases where EnumDeclaration.fold(alias) == folded { return index }
    }
    return nil
  }

  /// Every accepted spelling, canonical names first (for error messages).
  public var spellings: [String] {
    members.map(\.name) + members.flatMap(\.aliases)
  }

  static func fold(_ text: String) -> String {
    var folded = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      let lower =
        (65...90).contains(scalar.value) ? Unicode.Scalar(UInt8(scalar.value + 32)) : scalar
      folded.append(lower)
    }
    return String(folded)
  }
}

/// One member of an enumeration.
public struct EnumMember: Hashable, Sendable {
  /// The canonical (Japanese) spelling, also used in rule expressions.
  public let name: String
  /// Other accepted spellings.
  public let aliases: [String]
  /// The label shown in English output (the Japanese label is `name`).
  public let english: String

  public init(name: String, aliases: [String], english: String) {
    self.name = name
    self.aliases = aliases
    self.english = english
  }

  /// The label in `language`.
  public func text(_ language: Language) -> String {
    language == .ja || english.isEmpty ? name : english
  }
}
