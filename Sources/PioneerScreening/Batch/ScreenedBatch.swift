import PioneerRecords
import PioneerRules

/// A batch of records typed and screened, on whichever thread had the time, not yet checked
/// for repeated ids: that needs every row before it, so the reporting thread does it, in
/// input order.
struct ScreenedBatch: Sendable {
  /// The typed rows, blank records left out, in input order.
  let rows: [ApplicantRow]
  /// What `Screener.screen` gives for each row.
  let applicants: [ScreenedApplicant]
  /// The blank records of the batch, skipped.
  let skippedBlank: Int

  /// Types the records of `batch` with `typer` and screens the rows with `engine` (both
  /// the calling thread's own).
  init(_ batch: RawRecordBatch, typer: RowTyper, engine: inout RuleSetScreener) {
    var rows: [ApplicantRow] = []
    rows.reserveCapacity(batch.count)
    skippedBlank = typer.type(batch, into: &rows)
    self.rows = rows
    applicants = Screener.screen(rows, with: &engine)
  }
}
