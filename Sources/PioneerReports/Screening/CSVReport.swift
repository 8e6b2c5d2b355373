import PioneerRules
import PioneerScreening

/// CSV for spreadsheets: UTF-8 with BOM and CRLF so Japanese Excel opens it as is; a cell
/// that could start a formula is neutralised. Columns: id, line, outcome, each criterion,
/// the reported facts, name, errors; the audit block follows the rows after a blank line.
public final class CSVReport: ScreeningReport {
  private let cells: ApplicantCells
  private let writer: CSVWriter

  public init(context: ReportContext, sink: any ByteSink) {
    cells = ApplicantCells(context)
    writer = CSVWriter(to: sink, lineEnding: .crlf, byteOrderMark: true)
  }

  public func begin() throws {
    let ja = cells.context.ja
    var header = ja ? ["応募ID", "行", "結果"] : ["id", "line", "outcome"]
    header += cells.ruleSet.criteria.map(\.id)
    header +=
      ja ? cells.reportedTitles : cells.ruleSet.reported.map { cells.ruleSet.definitions[$0].name }
    header += ja ? ["企業・団体名", "エラー"] : ["name", "errors"]
    try writer.writeRow(header)
  }

  public func add(_ applicant: ScreenedApplicant) throws {
    var row = [applicant.id, String(applicant.line)]
    row.append(
      cells.context.ja ? cells.outcome(applicant) : cells.ruleSet.code(of: applicant.outcome))
    if let verdict = applicant.verdict {
      row += verdict.criteria.map(cells.criterion)
      row += zip(cells.ruleSet.reported, verdict.reported).map { cells.reported($1, slot: $0) }
    } else {
      row += Array(
        repeating: "", count: cells.ruleSet.criteria.count + cells.ruleSet.reported.count)
    }
    row.append(applicant.name)
    row.append(cells.errors(applicant).joined(separator: "; "))
    try writer.writeRow(row)
  }

  public func finish(summary: ScreeningSummary, audit: AuditRecord) throws {
    try writer.writeRow([String]())
    for field in audit.fields(cells.context.language) {
      try writer.writeRow(["#audit", field.key, field.value])
    }
    try writer.finish()
  }
}

/// `id,outcome,P1,…` lines, no header and no audit block: the form other engines print, for
/// comparing outcomes row by row.
public final class OutcomesReport: ScreeningReport {
  private let ruleSet: RuleSet
  private let sink: any ByteSink

  public init(context: ReportContext, sink: any ByteSink) {
    ruleSet = context.ruleSet
    self.sink = sink
  }

  public func begin() throws {}

  public func add(_ applicant: ScreenedApplicant) throws {
    var line = applicant.id + "," + ruleSet.code(of: applicant.outcome)
    for truth in applicant.verdict?.criteria ?? [] { line += "," + truth.word }
    try sink.write(line + "\n")
  }

  public func finish(summary: ScreeningSummary, audit: AuditRecord) throws {
    try sink.flush()
  }
}
