import PioneerRecords
import PioneerRules

/// A batch of rows typed and screened, on whichever thread had the time, not yet checked for
/// repeated ids: that needs every row before it, so the reporting thread does it, in input
/// order.
///
/// The rows' values and verdicts stay in the batch's flat arrays; each `ScreenedApplicant` of
/// it reads its own there. Immutable once made.
final class ScreenedBatch: Sendable {
  /// The typed rows, blank records left out, in input order.
  let rows: TypedRows
  /// The verdict of each valid row.
  let verdicts: BatchVerdicts
  /// Each row's verdict as codes (`VerdictCodes`), by row index: nil for a row not evaluated
  /// or whose verdict does not fit them. Worked out once, for the summary and the report.
  let codes: [VerdictCodes?]
  /// The blank records of the batch, skipped.
  let skippedBlank: Int
  /// The rows counted as screened, before any is found to repeat an earlier row's id (the
  /// reporting thread takes such a row back); nothing counted when made without a tally.
  let counts: ScreeningSummary
  /// The rule set's consistency checks, which name an inconsistent row's problems.
  private let checks: [ConsistencyCheck]

  /// Types the records of `batch` with `typer` and screens the rows with `engine` (both
  /// the calling thread's own), counting them by `tally` when given one: the counting is then
  /// done by whichever thread has the time, like the screening.
  ///
  /// Typing and screening take turns, an evaluator's chunk of valid rows at a time, so that
  /// the evaluator reads each row's values while they are still in the cache: typed whole,
  /// a batch's values (a megabyte) pushed its first rows' out before they were screened.
  convenience init(
    _ batch: RawRecordBatch, typer: RowTyper, engine: inout RuleSetScreener,
    counting tally: ScreeningSummary.Tally? = nil
  ) {
    let rows = typer.makeRows(capacity: batch.count)
    var verdicts = engine.makeVerdicts(capacity: batch.count)
    let width = engine.chunkWidth
    var typed = 0
    // The valid rows screened so far, the first of `rows.validIndices`.
    var screened = 0
    while typed < batch.count {
      // No more rows than fill the chunk, however many of them are valid: fewer valid rows
      // than a chunk's are left over only at the end.
      let waiting = rows.validIndices.count - screened
      let end = min(batch.count, typed + max(1, width - waiting))
      typer.type(batch, records: typed..<end, into: rows)
      typed = end
      let valid = rows.validIndices.count
      guard valid - screened >= width || typed == batch.count else { continue }
      engine.screen(rows.records, at: rows.validIndices[screened..<valid], appendingTo: &verdicts)
      screened = valid
    }
    verdicts.appendSkipped(upTo: rows.count)
    self.init(
      rows, verdicts: verdicts, skippedBlank: batch.blankCount, checks: engine.ruleSet.checks,
      counting: tally)
  }

  /// Screens `rows` with `engine`, counting them by `tally` when given one.
  convenience init(
    _ rows: TypedRows, skippedBlank: Int = 0, engine: inout RuleSetScreener,
    counting tally: ScreeningSummary.Tally? = nil
  ) {
    self.init(
      rows, verdicts: engine.screen(rows.records, at: rows.validIndices),
      skippedBlank: skippedBlank, checks: engine.ruleSet.checks, counting: tally)
  }

  /// `rows` with their `verdicts`, counted by `tally` when given one.
  private init(
    _ rows: TypedRows, verdicts: BatchVerdicts, skippedBlank: Int, checks: [ConsistencyCheck],
    counting tally: ScreeningSummary.Tally?
  ) {
    self.rows = rows
    self.skippedBlank = skippedBlank
    self.verdicts = verdicts
    self.checks = checks
    var codes = [VerdictCodes?](repeating: nil, count: rows.count)
    let reportedCount = verdicts.reportedCount
    // Only a row the intake found valid can have been evaluated.
    for index in rows.validIndices where index >= 0 && index < codes.count {
      guard let criteria = verdicts.criteria(at: index) else { continue }
      codes[index] = VerdictCodes(
        outcome: verdicts.outcome(at: index), criteria: criteria, reportedCount: reportedCount,
        reported: { verdicts.reported(at: index, $0) })
    }
    self.codes = codes
    var counts = ScreeningSummary()
    if let tally { counts.add(codes, verdicts: verdicts, rows: rows.count, tally: tally) }
    self.counts = counts
  }

  /// The number of rows.
  var count: Int { rows.count }

  /// Row `index`, screened (an invalid, blank-named applicant out of range).
  func applicant(at index: Int) -> ScreenedApplicant {
    applicant(at: index, line: rows.records.line(at: index) ?? 0, errors: rows.errors(at: index))
  }

  /// Row `index`, screened, whose line and errors the caller has read already
  /// (`rows.records.line(at:)`, `rows.errors(at:)`): the reporting thread needs them first,
  /// to find repeated ids, and each read is a call into the batch.
  ///
  /// A row with a record reads its id and name in the batch when asked; an invalid one, rare,
  /// is given them as Strings, so that it holds no batch.
  func applicant(at index: Int, line: Int, errors: [RowError]?) -> ScreenedApplicant {
    if let errors {
      return ScreenedApplicant(
        line: line, id: rows.id(at: index) ?? "", name: rows.name(at: index) ?? "",
        problems: errors.map(RowProblem.unreadable))
    }
    guard index >= 0 && index < count else {
      return ScreenedApplicant(
        line: line, id: rows.id(at: index) ?? "", name: rows.name(at: index) ?? "", problems: [])
    }
    let codes = codes[safe: index] ?? nil
    // A row with codes was evaluated, so it breaks no check.
    let problems =
      codes != nil
      ? []
      : verdicts.brokenChecks(at: index)?.compactMap { checks[safe: $0] }.map {
        RowProblem.inconsistent(check: $0.name, label: $0.label)
      } ?? []
    return ScreenedApplicant(line: line, problems: problems, codes: codes, in: self, at: index)
  }
}
