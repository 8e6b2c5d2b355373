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
    let schema = ruleSet.schema
    switch row {
    case .invalid(let line, let id, let name, let errors):
      return ScreenedApplicant(
        line: line, id: id ?? "", name: name ?? "", verdict: nil, record: nil,
        problems: errors.map(RowProblem.unreadable))
    case .record(let record):
      let id = schema.input(role: .id).map { Screener.text(record[$0]) } ?? ""
      let name = schema.input(role: .name).map { Screener.text(record[$0]) } ?? ""
      let broken = ruleSet.brokenChecks(record, asOf: asOf)
      guard broken.isEmpty else {
        return ScreenedApplicant(
          line: record.line, id: id, name: name, verdict: nil, record: record,
          problems: broken.map { .inconsistent(check: $0.name, label: $0.label) })
      }
      return ScreenedApplicant(
        line: record.line, id: id, name: name, verdict: ruleSet.evaluate(record, asOf: asOf),
        record: record, problems: [])
    }
  }

  /// Opens an applicant file (`-` is standard input) with its bytes fingerprinted.
  public func open(_ path: String, options: ReaderOptions) throws(FileError) -> (
    ApplicantReader, HashingSource
  ) {
    let source: HashingSource
    var options = options
    if path == "-" {
      source = HashingSource(FileDescriptorSource.standardInput())
    } else {
      do {
        source = HashingSource(try FileDescriptorSource(path: path))
      } catch {
        throw FileError(path: path, problem: error)
      }
      if options.delimiter == nil { options.delimiter = FieldDelimiter(forPath: path) }
    }
    let reader = try ApplicantReader(
      source: source, path: path == "-" ? nil : path, schema: ruleSet.schema, options: options)
    return (reader, source)
  }

  /// Screens a whole file, calling `body` with each applicant in input order.
  /// `onStart` runs once the file is open and its header accepted, before any row: a report
  /// writes nothing for a file that is rejected as a whole.
  public func screen(
    path: String, options: ReaderOptions = ReaderOptions(), onStart: () throws -> Void = {},
    _ body: (ScreenedApplicant) throws -> Void
  ) throws -> ScreeningSummary {
    let (reader, source) = try open(path, options: options)
    try onStart()
    var summary = ScreeningSummary()
    summary.unknownColumns = reader.layout.unknownColumns
    summary.encoding = reader.encoding.encoding.rawValue
    while let row = try reader.next() {
      let applicant = screen(row)
      summary.add(applicant, ruleSet: ruleSet)
      try body(applicant)
    }
    summary.skippedBlank = reader.skippedBlankRecords
    summary.inputSHA256 = source.hexDigest
    return summary
  }

  static func text(_ value: Value) -> String {
    if case .text(let text) = value { return text }
    return ""
  }
}
