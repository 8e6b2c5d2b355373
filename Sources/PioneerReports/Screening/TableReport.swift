import PioneerRules
import PioneerScreening

/// The terminal table: one line per applicant (id, name, outcome, failed or unknown criteria
/// with a short reason), columns aligned by display width, then the summary and audit block.
public final class TableReport: ScreeningReport {
  private let cells: ApplicantCells
  private let sink: any ByteSink
  private var rows: [[String]] = []

  public init(context: ReportContext, sink: any ByteSink) {
    cells = ApplicantCells(context)
    self.sink = sink
  }

  public func begin() throws {}

  public func add(_ applicant: ScreenedApplicant) throws {
    let reasons = cells.reasons(applicant)
    // One line per applicant: a cell's line breaks would break the table.
    let flat: (String) -> String = { $0.split(whereSeparator: \.isNewline).joined(separator: " ") }
    rows.append([
      applicant.id.isEmpty
        ? "(\(cells.context.ja ? "行" : "line") \(applicant.line))" : applicant.id,
      flat(applicant.name), cells.outcome(applicant), flat(reasons.joined(separator: " / ")),
    ])
  }

  public func finish(summary: ScreeningSummary, audit: AuditRecord) throws {
    let ja = cells.context.ja
    let header =
      ja
      ? ["応募ID", "企業・団体名", "結果", "満たさない・不明な基準"]
      : ["id", "name", "outcome", "failed or unknown criteria"]
    let all = [header] + rows
    // Align every column but the last, whose width is free.
    let widths = (0..<3).map { column in
      all.map { TerminalWidth.width(of: $0[column]) }.max() ?? 0
    }
    for row in all {
      var line = ""
      for column in 0..<3 { line += TerminalWidth.pad(row[column], to: widths[column]) + "  " }
      try sink.write(line + row[3] + "\n")
    }
    try sink.write(
      "\n"
        + SummaryText.lines(summary, ruleSet: cells.ruleSet, language: cells.context.language)
        .joined(separator: "\n") + "\n")
    try sink.write("\n" + (ja ? "監査情報" : "audit") + "\n")
    for field in audit.fields(cells.context.language) {
      try sink.write("  \(field.label): \(field.value)\n")
    }
    try sink.flush()
  }
}

/// The summary lines shared by the text formats.
enum SummaryText {
  static func lines(_ summary: ScreeningSummary, ruleSet: RuleSet, language: Language) -> [String] {
    let ja = language == .ja
    var counts: [String] = []
    for code in JSONReport.outcomeCodes(ruleSet) {
      guard let outcome = ruleSet.outcome(code: code) else { continue }
      counts.append("\(ruleSet.label(of: outcome, language)) \(summary.outcomeCounts[code] ?? 0)")
    }
    var lines = [
      (ja ? "集計: " : "summary: ") + counts.joined(separator: ", ")
        + (ja
          ? "（計 \(summary.rows) 行、空行 \(summary.skippedBlank) 行を読み飛ばし）"
          : " (\(summary.rows) rows; \(summary.skippedBlank) blank rows skipped)")
    ]
    if !summary.unknownColumns.isEmpty {
      lines.append(
        (ja ? "使われない列: " : "columns ignored: ") + summary.unknownColumns.joined(separator: ", "))
    }
    return lines
  }
}
