import PioneerRecords
import PioneerRules

/// One applicant row after screening: evaluated, or invalid with every reason.
public struct ScreenedApplicant: Sendable {
  /// The physical line on which the row starts.
  public let line: Int
  /// 応募ID, empty when the row had none.
  public let id: String
  /// 企業・団体名, empty when the row had none.
  public let name: String
  /// The verdict of a valid row; nil for an invalid one.
  public let verdict: Verdict?
  /// The typed record of a valid row (kept for explanations).
  public let record: Record?
  /// Why the row is invalid; empty for a valid row.
  public let problems: [RowProblem]

  /// The outcome, `invalid` for a row that was not evaluated.
  public var outcome: Outcome { verdict?.outcome ?? .invalid }
}

/// One reason a row is invalid: from reading it, or a consistency check it breaks.
public enum RowProblem: Sendable, Hashable {
  case unreadable(RowError)
  /// A rule-set check the values break, by name and label.
  case inconsistent(check: String, label: Label)

  /// The message in `language`; the wording comes from the intake or the rule file.
  public func message(_ language: Language) -> String {
    switch self {
    case .unreadable(let error): return error.message(language)
    case .inconsistent(_, let label): return label.text(language)
    }
  }
}
