import PioneerRecords
import PioneerRules

/// One applicant row after screening: evaluated, or invalid with every reason.
///
/// A row screened in a batch reads its values and verdict in the batch's arrays, so making one
/// copies no record and no verdict: `verdict` and `record` are made when asked for, and a
/// report that writes every row reads `outcome`, `criteria` and `reported(_:)` in place, and
/// its id and name as the batch's bytes (`withIDAndName(_:)`), with no String made for them.
public struct ScreenedApplicant: Sendable {
  /// The physical line on which the row starts.
  public let line: Int
  /// The id and name of a row without a batch (see `batch`).
  private let givenID: String
  private let givenName: String
  /// Why the row is invalid; empty for a valid row.
  public let problems: [RowProblem]
  /// The verdict's outcome, truths and reported values as codes, worked out with the batch;
  /// nil for a row that was not evaluated, or whose verdict does not fit the codes (read
  /// `outcome`, `criteria` and `reported(_:)` then).
  public let codes: VerdictCodes?
  /// The batch holding the row's record, verdict, id and name, and the row's index there; nil
  /// for a row that has no record (its cells did not all read, or its id repeats), whose id
  /// and name are given.
  private let batch: ScreenedBatch?
  private let index: Int
  /// The row's id and name bytes in the batch, when the reporting loop has read them already
  /// (`keepingIDAndName(_:_:)`): `withIDAndName(_:)` then hands them on as they are.
  @usableFromInline var idAndName: IDAndNameBytes?

  /// A row with a record, screened in `batch` at `index`: its id and name are the batch's.
  init(
    line: Int, problems: [RowProblem], codes: VerdictCodes?, in batch: ScreenedBatch, at index: Int
  ) {
    self.line = line
    givenID = ""
    givenName = ""
    self.problems = problems
    self.codes = codes
    self.batch = batch
    self.index = index
  }

  /// An invalid row without a record.
  init(line: Int, id: String, name: String, problems: [RowProblem]) {
    self.line = line
    givenID = id
    givenName = name
    self.problems = problems
    codes = nil
    batch = nil
    index = 0
  }

  /// 応募ID, empty when the row had none.
  public var id: String {
    guard let batch else { return givenID }
    return batch.rows.id(at: index) ?? ""
  }

  /// 企業・団体名, empty when the row had none.
  public var name: String {
    guard let batch else { return givenName }
    return batch.rows.name(at: index) ?? ""
  }

  /// This row with `id` and `name`, its batch's bytes of them (nil: none) that the caller
  /// has read already, kept for `withIDAndName(_:)`; unchanged for a row without a batch.
  func keepingIDAndName(
    _ id: UnsafeBufferPointer<UInt8>?, _ name: UnsafeBufferPointer<UInt8>?
  ) -> ScreenedApplicant {
    guard batch != nil else { return self }
    var applicant = self
    let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    applicant.idAndName = IDAndNameBytes(id: id ?? empty, name: name ?? empty)
    return applicant
  }

  /// Calls `body` with the UTF-8 bytes of `id` and `name` (empty when the row had none),
  /// read where the batch keeps them: a report writing every row's makes no String of them.
  /// Inlinable, so that a report's call costs no generic call.
  @inlinable
  public func withIDAndName<R>(
    _ body: (_ id: UnsafeBufferPointer<UInt8>, _ name: UnsafeBufferPointer<UInt8>) throws -> R
  ) rethrows -> R {
    // The bytes lie in the batch, which this row keeps alive until `body` is done with them.
    if let idAndName {
      return try withExtendedLifetime(self) { try body(idAndName.id, idAndName.name) }
    }
    return try withIDAndNameLookedUp(body)
  }

  /// `withIDAndName(_:)` for a row whose bytes were not kept: read from the batch, if any.
  @usableFromInline
  func withIDAndNameLookedUp<R>(
    _ body: (_ id: UnsafeBufferPointer<UInt8>, _ name: UnsafeBufferPointer<UInt8>) throws -> R
  ) rethrows -> R {
    guard let rows = batch?.rows else {
      var id = givenID
      var name = givenName
      return try id.withUTF8 { id in try name.withUTF8 { name in try body(id, name) } }
    }
    let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    // The bytes lie in the rows, kept alive until `body` is done with them.
    return try withExtendedLifetime(rows) {
      try body(rows.idBytes(at: index) ?? empty, rows.nameBytes(at: index) ?? empty)
    }
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

/// A row's id and name bytes where its batch keeps them (`ScreenedApplicant.idAndName`).
/// Unchecked `Sendable`: the bytes are only read, once the batch is filled, and the row
/// holding them keeps the batch alive.
@usableFromInline
struct IDAndNameBytes: @unchecked Sendable {
  @usableFromInline let id: UnsafeBufferPointer<UInt8>
  @usableFromInline let name: UnsafeBufferPointer<UInt8>
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
