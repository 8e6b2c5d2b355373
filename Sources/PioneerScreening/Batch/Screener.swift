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
    screen([row], with: &engine).first ?? screened(row, nil, engine)
  }

  /// Screens a batch of rows with a reusable engine (one per thread), in order. The batch's
  /// records are evaluated together, which is what makes a large file fast.
  public static func screen(_ rows: [ApplicantRow], with engine: inout RuleSetScreener)
    -> [ScreenedApplicant]
  {
    var records: [Record] = []
    records.reserveCapacity(rows.count)
    for case .record(let record) in rows { records.append(record) }
    let results = engine.screen(records)
    var screened: [ScreenedApplicant] = []
    screened.reserveCapacity(rows.count)
    var next = 0
    for row in rows {
      if case .record = row {
        screened.append(Screener.screened(row, results[safe: next], engine))
        next += 1
      } else {
        screened.append(Screener.screened(row, nil, engine))
      }
    }
    return screened
  }

  /// The applicant a row and its result (nil for an invalid row) make.
  private static func screened(
    _ row: ApplicantRow, _ result: RuleSetScreener.Result?, _ engine: RuleSetScreener
  ) -> ScreenedApplicant {
    switch row {
    case .invalid(let line, let id, let name, let errors):
      return ScreenedApplicant(
        line: line, id: id ?? "", name: name ?? "", verdict: nil, record: nil,
        problems: errors.map(RowProblem.unreadable))
    case .record(let record):
      let id = engine.idSlot.map { text(record.values[safe: $0] ?? .missing) } ?? ""
      let name = engine.nameSlot.map { text(record.values[safe: $0] ?? .missing) } ?? ""
      switch result {
      case .inconsistent(let broken):
        let checks = engine.ruleSet.checks
        return ScreenedApplicant(
          line: record.line, id: id, name: name, verdict: nil, record: record,
          problems: broken.compactMap { checks[safe: $0] }.map {
            .inconsistent(check: $0.name, label: $0.label)
          })
      case .evaluated(let verdict):
        return ScreenedApplicant(
          line: record.line, id: id, name: name, verdict: verdict, record: record, problems: [])
      case nil:
        // Not reached: the engine gives every record a result.
        return ScreenedApplicant(
          line: record.line, id: id, name: name, verdict: nil, record: record, problems: [])
      }
    }
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
  /// Reading and parsing run on a thread of their own, evaluation is shared between that
  /// thread and this one, and this thread counts and calls `body` (which writes the report):
  /// both cores work on a large file, and rows still reach `body` in input order.
  public func screen(
    path: String, options: ReaderOptions = ReaderOptions(), onStart: () throws -> Void = {},
    _ body: (ScreenedApplicant) throws -> Void
  ) throws -> ScreeningSummary {
    let (reader, source) = try open(path, options: options)
    try onStart()
    var summary = ScreeningSummary()
    summary.unknownColumns = reader.layout.unknownColumns
    summary.encoding = reader.encoding.encoding.rawValue
    let pipe = RowPipe()
    let done = DispatchSemaphore(value: 0)
    let producer = ReaderBox(reader)
    let ruleSet = self.ruleSet
    let asOf = self.asOf
    let thread = Thread {
      var failure: (any Error)?
      var engine = RuleSetScreener(ruleSet: ruleSet, asOf: asOf)
      do {
        var rows: [ApplicantRow] = []
        rows.reserveCapacity(Screener.batchSize)
        // Evaluation, the larger part of the work, is shared between the two cores: a batch
        // is screened here only when the reporting thread has a backlog, so whichever thread
        // has time takes it, whatever the file's mix of reading, screening and writing costs.
        func send(_ rows: [ApplicantRow]) -> Bool {
          _ = pipe.takeReturned()  // freed here, where they were allocated
          guard pipe.backlog >= Screener.backlogToScreenHere else { return pipe.put(.read(rows)) }
          return pipe.put(.screened(Screener.screen(rows, with: &engine)))
        }
        while let row = try producer.reader.next() {
          rows.append(row)
          if rows.count == Screener.batchSize {
            guard send(rows) else { break }
            rows.removeAll(keepingCapacity: true)
          }
        }
        if !rows.isEmpty { _ = send(rows) }
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
    let tally = ScreeningSummary.Tally(ruleSet)
    var engine = RuleSetScreener(ruleSet: ruleSet, asOf: asOf)
    while let batch = try pipe.take() {
      let applicants: [ScreenedApplicant]
      switch batch {
      case .screened(let screened): applicants = screened
      case .read(let rows): applicants = Screener.screen(rows, with: &engine)
      }
      for applicant in applicants {
        summary.add(applicant, tally: tally)
        try body(applicant)
      }
      pipe.giveBack(.screened(applicants))
    }
    done.wait()
    done.signal()  // balances the wait in `defer`
    summary.skippedBlank = reader.skippedBlankRecords
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

  /// Rows handed over at a time: large enough that the hand-over costs nothing per row.
  static let batchSize = 2048
  /// Batches waiting for the reporting thread before the reading thread screens one itself.
  static let backlogToScreenHere = 2

  static func text(_ value: Value) -> String {
    if case .text(let text) = value { return text }
    return ""
  }
}

/// The reader, handed to the reading thread; only that thread uses it until it finishes.
private final class ReaderBox: @unchecked Sendable {
  let reader: ApplicantReader
  init(_ reader: ApplicantReader) { self.reader = reader }
}
