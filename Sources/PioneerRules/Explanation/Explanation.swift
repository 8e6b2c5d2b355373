/// Why one criterion holds, fails or is unknown for one applicant, in words a reviewer who has
/// not read the rule file can follow.
public struct CriterionExplanation: Sendable {
  /// The criterion (P1–H4).
  public let id: String
  /// Its wording, in the explanation's language.
  public let label: String
  /// Where the criterion comes from.
  public let citation: String
  public let result: Truth
  /// The criterion's expression with every value filled in
  /// (`対象従業員の割合 (25%) ≥ 適用される対象割合の基準 (50%)`).
  public let reasoning: String
  /// Every derived value the criterion used, with its own reasoning.
  public let derivedFacts: [DerivedFact]
  /// The inputs the criterion read, with their values.
  public let inputs: [InputValue]
  /// For an unknown result: the missing inputs that block the decision.
  public let missingInputs: [String]
  /// For a failed result: single-input changes that would make it pass.
  public let fixes: [Fix]
}

/// A derived value and how it came about.
public struct DerivedFact: Sendable {
  public let name: String
  public let label: String
  public let value: String
  public let reasoning: String
}

/// An input and its value, as text.
public struct InputValue: Sendable {
  public let name: String
  public let label: String
  public let value: String
}

/// The smallest change of one input that makes a failed criterion pass, keeping the record
/// consistent (`テレワーク対象従業員数 1 → 2`).
public struct Fix: Sendable {
  public let input: String
  public let label: String
  public let from: String
  public let to: String
  /// The whole sentence in the explanation's language.
  public let sentence: String
}

/// Everything said about one applicant.
public struct ApplicantExplanation: Sendable {
  public let outcome: Outcome
  public let outcomeLabel: String
  public let criteria: [CriterionExplanation]
  /// The reported definitions (small business, size class) with their reasoning.
  public let reported: [DerivedFact]
  /// The reference date used for this applicant.
  public let referenceDate: String
}
