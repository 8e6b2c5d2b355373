/// What an applicant record holds, as the rule set declares it: everything the CSV intake
/// needs to turn a row of text into typed values.
public struct Schema: Hashable, Sendable {
  /// The inputs, in declaration order; `inputs[i].slot == i`.
  public let inputs: [InputDeclaration]
  /// Spellings of true and false.
  public let booleanWords: BooleanWords
  /// Range limits of the numeric formats.
  public let limits: ValueLimits

  public init(inputs: [InputDeclaration], booleanWords: BooleanWords, limits: ValueLimits) {
    self.inputs = inputs
    self.booleanWords = booleanWords
    self.limits = limits
  }

  /// The input with the given role (the checker guarantees `id` and `name` exist).
  public func input(role: InputRole) -> InputDeclaration? {
    inputs.first { $0.role == role }
  }

  /// The input with the given identifier.
  public func input(named name: String) -> InputDeclaration? {
    inputs.first { $0.name == name }
  }
}

/// The words a boolean cell may hold; ASCII letters compare case-insensitively.
public struct BooleanWords: Hashable, Sendable {
  public let trueWords: [String]
  public let falseWords: [String]

  public init(trueWords: [String], falseWords: [String]) {
    self.trueWords = trueWords
    self.falseWords = falseWords
  }

  /// The boolean a (normalised) cell denotes.
  public func value(of text: String) -> Bool? {
    let folded = EnumDeclaration.fold(text)
    if trueWords.contains(where: { EnumDeclaration.fold($0) == folded }) { return true }
    if falseWords.contains(where: { EnumDeclaration.fold($0) == folded }) { return false }
    return nil
  }
}

/// Upper bounds of the numeric formats (spec §3.2: counts above 10^9 and yen above 10^15
/// are out of range).
public struct ValueLimits: Hashable, Sendable {
  public let maximumCount: ExactNumber
  public let maximumDecimal: ExactNumber
  public let maximumYen: ExactNumber

  public init(maximumCount: ExactNumber, maximumDecimal: ExactNumber, maximumYen: ExactNumber) {
    self.maximumCount = maximumCount
    self.maximumDecimal = maximumDecimal
    self.maximumYen = maximumYen
  }
}

/// One applicant row as typed values, `values[input.slot]`.
public struct Record: Hashable, Sendable {
  /// The physical line on which the record starts (the header is line 1).
  public let line: Int
  /// One value per schema input.
  public var values: [Value]

  public init(line: Int, values: [Value]) {
    self.line = line
    self.values = values
  }

  /// The value of `input`, `missing` when the slot is out of range.
  public subscript(input: InputDeclaration) -> Value {
    input.slot < values.count ? values[input.slot] : .missing
  }
}
