import PioneerRules
import PioneerScreening

/// A Markdown table for pasting into minutes or an issue, then the summary and audit block.
public final class MarkdownReport: ScreeningReport {
  private let cells: ApplicantCells
  private let sink: any ByteSink

  public init(context: ReportContext, sink: any ByteSink) {
    cells = ApplicantCells(context)
    self.sink = sink
  }

  public func begin() throws {
    let ja = cells.context.ja
    let title = cells.ruleSet.label.text(cells.context.language)
    try sink.write("# \(MarkdownEscaping.tableCell(title)) — \(ja ? "審査結果" : "screening")\n\n")
    let header =
      ja
      ? ["行", "応募ID", "企業・団体名", "結果", "満たさない・不明な基準"]
      : ["line", "id", "name", "outcome", "failed or unknown criteria"]
    try sink.write("| " + header.joined(separator: " | ") + " |\n")
    try sink.write("|" + String(repeating: " --- |", count: header.count) + "\n")
  }

  public func add(_ applicant: ScreenedApplicant) throws {
    let row = [
      String(applicant.line), applicant.id, applicant.name, cells.outcome(applicant),
      cells.reasons(applicant).joined(separator: "\n"),
    ].map(MarkdownEscaping.tableCell)
    try sink.write("| " + row.joined(separator: " | ") + " |\n")
  }

  public func finish(summary: ScreeningSummary, audit: AuditRecord) throws {
    let language = cells.context.language
    try sink.write(
      "\n"
        + SummaryText.lines(summary, ruleSet: cells.ruleSet, language: language).map(
          MarkdownEscaping.tableCell
        ).joined(separator: "\n\n") + "\n")
    try sink.write("\n## \(language == .ja ? "監査情報" : "Audit")\n\n")
    for field in audit.fields(language) {
      try sink.write("- \(MarkdownEscaping.tableCell(field.label)): `\(field.value)`\n")
    }
    try sink.flush()
  }
}
