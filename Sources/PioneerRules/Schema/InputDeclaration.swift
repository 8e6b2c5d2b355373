/// One column of the applicant record, as a rule file declares it.
public struct InputDeclaration: Hashable, Sendable {
  /// The identifier used in expressions; also the English column alias by default.
  public let name: String
  /// Its slot in a `Record`'s values.
  public let slot: Int
  /// How a cell is read.
  public let type: InputType
  /// The label shown in explanations.
  public let label: Label
  /// Header cells that select this column (Japanese name, English alias, …).
  public let columnNames: [String]
  /// The column's part in the record, if any.
  public let role: InputRole?

  public init(
    name: String, slot: Int, type: InputType, label: Label, columnNames: [String],
    role: InputRole?
  ) {
    self.name = name
    self.slot = slot
    self.type = type
    self.label = label
    self.columnNames = columnNames
    self.role = role
  }
}

/// The part a column plays in the record as a whole.
public enum InputRole: String, Hashable, Sendable {
  /// The application's unique id (応募ID): required, unique.
  case id
  /// The organisation's name (企業・団体名): required.
  case name
}

/// How a cell's text becomes a value.
public indirect enum InputType: Hashable, Sendable {
  /// Any text.
  case text
  /// A non-negative integer count of persons (`1,234`, `12人`).
  case count
  /// A non-negative decimal (`3.95`, `4日`).
  case decimal
  /// A non-negative amount of yen (`3億円`, `5,000万円`).
  case yen
  /// A calendar date in Western or Japanese-era form.
  case date
  /// A date, or one of `noneWords` meaning "there is none" (重大な法令違反日: なし).
  case dateOrNone(noneWords: [String])
  /// A boolean, spelled with the rule set's boolean words.
  case boolean
  /// One member of an enumeration.
  case enumeration(EnumDeclaration)
  /// A code of a hierarchical classification (JSIC).
  case code(Classification)

  /// Whether the type holds numbers.
  public var isNumeric: Bool {
    switch self {
    case .count, .decimal, .yen: return true
    default: return false
    }
  }
}
