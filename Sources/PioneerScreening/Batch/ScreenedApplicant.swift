import PioneerRecords
import PioneerRules

/// One applicant row after screening: evaluated, or invalid with every reason.
///
/// A row screened in a batch reads its values and verdict in the batch's arrays, so making one
/// copies no record and no verdict: `verdict` and `record` are made when asked for, and a
/// report that writes every row reads `outcome`, `criteria` and `reported(_:)` in place.
public struct ScreenedApplicant: Sendable {
  /// The physical line on which the row starts.
  public let line: Int
  /// 応募ID, empty when the row had none.
  public let id: String
  /// 企業・団体名, empty when the row had none.
  public let name: String
  /// Why the row is invalid; empty for a valid row.
  public let problems: [RowProblem]
  /// The verdict's outcome, truths and reported values as codes, worked out with the batch;
  /// nil for a row that was not evaluated, or whose verdict does not fit the codes (read
  /// `outcome`, `criteria` and `reported(_:)` then).
  public let codes: VerdictCodes?
  /// The batch holding the row's record and verdict, and the row's index there; nil for a
  /// row that has no record (its cells did not all read, or its id repeats).
  private let batch: ScreenedBatch?
  private let index: Int

  /// A row with a record, screened in `batch` at `index`.
  init(
    line: Int, id: String, name: String, problems: [RowProblem], codes: VerdictCodes?,
    in batch: ScreenedBatch, at index: Int
  ) {
    self.line = line
    self.id = id
    self.name = name
    self.problems = problems
    self.codes = codes
    self.batch = batch
    self.index = index
  }

  /// An invalid row without a record.
  init(line: Int, id: String, name: String, problems: [RowProblem]) {
    self.line = line
    self.id = id
    self.name = name
    self.problems = problems
    codes = nil
    batch = nil
    index = 0
  }

  /// The verdict of a valid row; nil for an invalid one.
  public var verdict: Verdict? { batch?.verdicts.verdict(at: index) }

  /// The typed record of a row whose cells all read (kept for explanations), even when a
  /// consistency check makes it invalid; nil otherwise.
  public var record: Record? { batch?.rows.records.record(at: index) }

  /// Whether the row was evaluated: it has a verdict.
  public var isEvaluated: Bool { batch?.verdicts.isEvaluated(index) ?? false }

  /// The outcome, `invalid` for a row that was not evaluated.
  public var outcome: Outcome { batch?.verdicts.outcome(at: index) ?? .invalid }

  /// The verdict's truth for each criterion; nil for a row that was not evaluated.
  public var criteria: TruthList? { batch?.verdicts.criteria(at: index) }

  /// The verdict's value of reported definition `position` (in `RuleSet.reported` order);
  /// nil for a row that was not evaluated.
  public func reported(_ position: Int) -> Value? {
    batch?.verdicts.reported(at: index, position)
  }
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
