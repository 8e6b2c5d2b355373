import PioneerRules
import PioneerScreening

extension Reports {
  /// Writes the selection list in `format` (table, csv, json, md, html).
  public static func selection(
    _ format: String, selection: Selection, summary: ScreeningSummary, audit: AuditRecord,
    reviewsSHA256: String, context: ReportContext, sink: any ByteSink
  ) throws {
    let list = SelectionList(selection, context: context)
    switch format {
    case "json":
      try SelectionJSON.write(list, audit: audit, reviewsSHA256: reviewsSHA256, sink: sink)
    case "html":
      try HTMLSelectionReport.write(
        list, summary: summary, audit: audit, reviewsSHA256: reviewsSHA256, sink: sink)
    case "md", "table":
      try SelectionText.write(list, markdown: format == "md", audit: audit, sink: sink)
    default: try SelectionCSV.write(list, audit: audit, sink: sink)
    }
  }
}

enum SelectionJSON {
  /// `{"selection": [{"id", "outcome": "minister|hyakusen|…", "rank", "score": "12.33",
  /// "tie"}], "review_issues": [...], "audit": {...}}`: every applicant once, input order.
  static func write(
    _ list: SelectionList, audit: AuditRecord, reviewsSHA256: String, sink: any ByteSink
  ) throws {
    let json = JSONWriter(to: sink)
    try json.object {
      try json.array("selection") {
        for row in list.inputOrder {
          try json.object {
            try json.field("id", row.applicant.id)
            try json.field("line", row.applicant.line)
            try json.field("name", row.applicant.name)
            try json.field("outcome", row.outcomeCode)
            try json.field("rank", row.entry?.rank)
            try json.field("score", row.entry.map { $0.score.fixed(2) })
            try json.field("tie", row.entry?.tiedAtBoundary ?? false)
            try json.field("reviews", row.reviewCount)
          }
        }
      }
      try json.array("review_issues") {
        for issue in list.selection.reviewIssues {
          try json.object {
            try json.field("line", issue.line)
            try json.field("invalid", issue.isInvalid)
            try json.field("message", issue.message(list.context.language))
          }
        }
      }
      try json.field("minister_awards", list.selection.winners)
      try json.field("reviews_sha256", reviewsSHA256)
      try JSONReport.writeAudit(audit, to: json)
    }
    try json.finish()
  }
}

enum SelectionCSV {
  static func write(_ list: SelectionList, audit: AuditRecord, sink: any ByteSink) throws {
    let ja = list.context.ja
    let writer = CSVWriter(to: sink, lineEnding: .crlf, byteOrderMark: true)
    try writer.writeRow(
      ja
        ? ["区分", "順位", "得点", "審査数", "応募ID", "企業・団体名", "結果", "行", "備考"]
        : ["section", "rank", "score", "reviews", "id", "name", "outcome", "line", "note"])
    for (title, rows) in list.sections {
      for row in rows {
        try writer.writeRow([
          title, list.rank(row), list.score(row), String(row.reviewCount), row.applicant.id,
          row.applicant.name, ja ? row.outcomeLabel : row.outcomeCode, String(row.applicant.line),
          list.note(row),
        ])
      }
    }
    try writer.writeRow([String]())
    for issue in list.selection.reviewIssues {
      try writer.writeRow(["#review", String(issue.line), issue.message(list.context.language)])
    }
    for field in audit.fields(list.context.language) {
      try writer.writeRow(["#audit", field.key, field.value])
    }
    try writer.finish()
  }
}

enum SelectionText {
  static func write(_ list: SelectionList, markdown: Bool, audit: AuditRecord, sink: any ByteSink)
    throws
  {
    let ja = list.context.ja
    let language = list.context.language
    func cell(_ text: String) -> String { markdown ? MarkdownEscaping.tableCell(text) : text }
    var out = ""
    if markdown {
      out = "# " + cell(list.context.ruleSet.label.text(language))
      out += ja ? " 選定結果\n" : " — selection\n"
    }
    let header =
      ja ? ["順位", "得点", "応募ID", "企業・団体名", "備考"] : ["rank", "score", "id", "name", "note"]
    for (title, rows) in list.sections {
      out += markdown ? "\n## \(cell(title)) (\(rows.count))\n\n" : "\n【\(title)】 \(rows.count)\n"
      guard !rows.isEmpty else { continue }
      let table =
        [header]
        + rows.map { row in
          [list.rank(row), list.score(row), row.applicant.id, row.applicant.name, list.note(row)]
        }
      if markdown {
        for (index, row) in table.enumerated() {
          out += "| " + row.map(cell).joined(separator: " | ") + " |\n"
          if index == 0 { out += "|" + String(repeating: " --- |", count: row.count) + "\n" }
        }
      } else {
        let widths = (0..<4).map { column in
          table.map { TerminalWidth.width(of: $0[column]) }.max() ?? 0
        }
        for row in table {
          out +=
            "  "
            + (0..<4).map { TerminalWidth.pad(row[$0], to: widths[$0]) }.joined(separator: "  ")
          out += "  " + row[4] + "\n"
        }
      }
    }
    let issues = list.selection.reviewIssues
    let issuesTitle = ja ? "審査票の無効・無視した行" : "review rows invalid or ignored"
    out += markdown ? "\n## \(issuesTitle)\n\n" : "\n【\(issuesTitle)】 \(issues.count)\n"
    for issue in issues {
      out +=
        (markdown ? "- " : "  ") + (ja ? "\(issue.line) 行目: " : "line \(issue.line): ")
        + cell(issue.message(language)) + "\n"
    }
    let auditTitle = ja ? "監査情報" : "audit"
    out += markdown ? "\n## \(auditTitle)\n\n" : "\n\(auditTitle)\n"
    for field in audit.fields(language) {
      out +=
        markdown
        ? "- \(cell(field.label)): `\(field.value)`\n" : "  \(field.label): \(field.value)\n"
    }
    try sink.write(out)
    try sink.flush()
  }
}
