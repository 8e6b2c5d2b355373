import Foundation
import PioneerRecords
import PioneerRules

/// Screens applicant files against a rule set: reads each row, applies the rule set's
/// consistency checks, evaluates the valid rows, and hands every row on in input order.
public struct Screener: Sendable {
  public let ruleSet: RuleSet
  /// The reference date for rows with no date of their own (`--as-of`).
  public let asOf: CivilDate?

  public init(ruleSet: RuleSet, asOf: CivilDate?) {
    self.ruleSet = ruleSet
    self.asOf = asOf
  }

  /// The reference date used when a row has none: `--as-of`, else the rule set's default.
  public var referenceDate: CivilDate { asOf ?? ruleSet.defaultReferenceDate }

  /// Screens one row read by the intake.
  public func screen(_ row: ApplicantRow) -> ScreenedApplicant {
    var engine = RuleSetScreener(ruleSet: ruleSet, asOf: asOf)
    return Screener.screen(row, with: &engine)
  }

  /// Screens one row with a reusable engine (one per thread).
  public static func screen(_ row: ApplicantRow, with engine: inout RuleSetScreener)
    -> ScreenedApplicant
  {
    screen([row], with: &engine).first
      ?? ScreenedApplicant(line: row.line, id: "", name: "", problems: [])
  }

  /// Screens a batch of rows with a reusable engine (one per thread), in order. The batch's
  /// records are evaluated together, which is what makes a large file fast.
  public static func screen(_ rows: [ApplicantRow], with engine: inout RuleSetScreener)
    -> [ScreenedApplicant]
  {
    let typed = TypedRows(schema: engine.ruleSet.schema, capacity: rows.count)
    for row in rows { typed.append(row) }
    let batch = ScreenedBatch(typed, engine: &engine)
    return (0..<batch.count).map(batch.applicant(at:))
  }

  /// Opens an applicant file (`-` is standard input) with its bytes fingerprinted.
  public func open(_ path: String, options: ReaderOptions) throws(FileError) -> (
    ApplicantReader, HashingSource
  ) {
    let (plain, options) = try Screener.source(path, options: options)
    let source = HashingSource(plain)
    let reader = try ApplicantReader(
      source: source, path: path == "-" ? nil : path, schema: ruleSet.schema, options: options)
    return (reader, source)
  }

  /// The bytes of `path` ("-": standard input), and the options with the delimiter the
  /// path's extension implies when none was chosen.
  private static func source(_ path: String, options: ReaderOptions) throws(FileError) -> (
    any ByteSource, ReaderOptions
  ) {
    guard path != "-" else { return (FileDescriptorSource.standardInput(), options) }
    var options = options
    if options.delimiter == nil { options.delimiter = FieldDelimiter(forPath: path) }
    do {
      return (try FileDescriptorSource(path: path), options)
    } catch {
      throw FileError(path: path, problem: error)
    }
  }

  /// Screens a whole file, calling `body` with each applicant in input order.
  /// `onStart` runs once the file is open and its header accepted, before any row: a report
  /// writes nothing for a file that is rejected as a whole.
  ///
  /// Splitting the file into records runs on a thread of their own; typing and screening
  /// batches of records is shared between that thread and this one; and this thread checks
  /// ids for repeats, counts and calls `body` (which writes the report), in input order: both
  /// cores work on a large file, and the rows are those `ApplicantReader.next()` gives.
  public func screen(
    path: String, options: ReaderOptions = ReaderOptions(), onStart: () throws -> Void = {},
    _ body: (ScreenedApplicant) throws -> Void
  ) throws -> ScreeningSummary {
    try screen(
      path: path, options: options, batchSize: Screener.batchSize, onStart: onStart, body)
  }

  /// `screen(path:options:onStart:_:)` with `batchSize` records to a batch.
  func screen(
    path: String, options: ReaderOptions, batchSize: Int, onStart: () throws -> Void,
    _ body: (ScreenedApplicant) throws -> Void
  ) throws -> ScreeningSummary {
    let (reader, source) = try open(path, options: options)
    try onStart()
    var summary = ScreeningSummary()
    summary.unknownColumns = reader.layout.unknownColumns
    summary.encoding = reader.encoding.encoding.rawValue
    let pipe = RowPipe(capacity: Screener.batchesWaiting)
    let done = DispatchSemaphore(value: 0)
    let producer = ReaderBox(reader)
    let ruleSet = self.ruleSet
    let asOf = self.asOf
    // Each batch is counted where it is screened; the reporting thread merges the counts.
    let tally = ScreeningSummary.Tally(ruleSet)
    // An id or name no rule reads is typed into bytes only, and reported from them.
    let inputsNotRead = Set(ruleSet.schema.inputs.indices.filter { !ruleSet.readsInput(slot: $0) })
    let thread = Thread {
      var failure: (any Error)?
      let typer = producer.reader.makeRowTyper(inputsNotRead: inputsNotRead)
      var engine = RuleSetScreener(ruleSet: ruleSet, asOf: asOf)
      // Record batches the reporting thread has typed, to be filled again.
      var spare: [RawRecordBatch] = []
      do {
        while true {
          for returned in pipe.takeReturned() {
            // Screened batches are dropped: freed here, where they were allocated.
            if case .records(let records) = returned { spare.append(records) }
          }
          let records = spare.popLast() ?? RawRecordBatch(capacity: batchSize)
          guard try producer.reader.readRecords(into: records) else { break }
          // Typing and screening, most of the work, are shared between the two cores: a
          // batch is done here only when the reporting thread has a backlog, so whichever
          // thread has time takes it, whatever the file's mix of reading, typing, screening
          // and writing costs.
          guard pipe.backlog >= Screener.backlogToScreenHere else {
            guard pipe.put(.records(records)) else { break }
            continue
          }
          let screened = ScreenedBatch(
            records, typer: typer, engine: &engine, counting: tally)
          spare.append(records)
          guard pipe.put(.screened(screened)) else { break }
        }
      } catch {
        failure = error
      }
      pipe.finish(failure)
      done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    // Whatever happens here, the reading thread is stopped and gone before we return.
    defer {
      pipe.cancel()
      done.wait()
    }
    let typer = reader.makeRowTyper(inputsNotRead: inputsNotRead)
    var engine = RuleSetScreener(ruleSet: ruleSet, asOf: asOf)
    // Only this thread checks ids, and in input order: the first row with an id stays
    // valid whichever thread typed it.
    let duplicateIDCheck = reader.duplicateIDCheck
    var skippedBlank = 0
    while let batch = try pipe.take() {
      let screened: ScreenedBatch
      switch batch {
      case .screened(let batch): screened = batch
      case .records(let records):
        screened = ScreenedBatch(records, typer: typer, engine: &engine, counting: tally)
        pipe.giveBack(.records(records))  // to be filled again
      }
      skippedBlank += screened.skippedBlank
      summary.merge(screened.counts)
      let rows = screened.rows
      let records = rows.records
      // The rows, whose id bytes are read in place, live to the end of the loop.
      try withExtendedLifetime(rows) {
        for index in 0..<screened.count {
          let line = records.line(at: index) ?? 0
          let errors = rows.errors(at: index)
          // The ids are read one row after another from the batch's bytes, not from records
          // hundreds of bytes apart.
          // Read once here, and handed on to the report with the row.
          let (id, name) = rows.idAndNameBytes(at: index)
          let repeated = duplicateIDCheck.errors(line: line, id: id, errors: errors)
          // A repeated id makes the row invalid, evaluated or not: it is counted again as such.
          guard let repeated else {
            try body(
              screened.applicant(at: index, line: line, errors: errors).keepingIDAndName(id, name))
            continue
          }
          let applicant = screened.applicant(at: index, line: line, errors: errors)
          summary.remove(applicant, tally: tally)
          let invalid = ScreenedApplicant(
            line: line, id: applicant.id, name: applicant.name,
            problems: repeated.map(RowProblem.unreadable))
          summary.add(invalid, tally: tally)
          try body(invalid)
        }
      }
      if case .screened = batch { pipe.giveBack(batch) }  // freed where it was allocated
    }
    done.wait()
    done.signal()  // balances the wait in `defer`
    summary.skippedBlank = skippedBlank
    summary.inputSHA256 = source.hexDigest
    return summary
  }

  /// The first row whose id is `id`, screened: the row and line a full run gives for it,
  /// found without typing or evaluating the rows before it (and without the audit hash,
  /// which an explanation does not show).
  public func find(id: String, path: String, options: ReaderOptions = ReaderOptions()) throws
    -> ScreenedApplicant?
  {
    var (source, options) = try Screener.source(path, options: options)
    options.idScanMinimumBytes = .max  // only the first row with the id is read
    let reader = try ApplicantReader(
      source: source, path: path == "-" ? nil : path, schema: ruleSet.schema, options: options)
    return try reader.firstRow(withID: id).map(screen)
  }

  /// Records handed over at a time: large enough that the hand-over costs nothing per row.
  static let batchSize = 2048
  /// Batches waiting for the reporting thread before the reading thread screens one itself.
  static let backlogToScreenHere = 2
  /// Batches that may wait for the reporting thread: one more than the backlog that sets the
  /// reading thread screening, so it rarely waits; each waiting batch is memory (about a
  /// megabyte screened), held in the arena of the thread that made it.
  static let batchesWaiting = 3
}

/// The reader, handed to the reading thread; only that thread reads records with it until it
/// finishes (the reporting thread uses only its duplicate check and its layout, which the
/// reading thread never touches).
private final class ReaderBox: @unchecked Sendable {
  let reader: ApplicantReader
  init(_ reader: ApplicantReader) { self.reader = reader }
}
