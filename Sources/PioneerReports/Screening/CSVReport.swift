import PioneerRules
import PioneerScreening

/// CSV for spreadsheets: UTF-8 with BOM and CRLF so Japanese Excel opens it as is; a cell
/// that could start a formula is neutralised. Columns: id, line, outcome, each criterion,
/// the reported facts, name, errors; the audit block follows the rows after a blank line.
public final class CSVReport: ScreeningReport {
  private let cells: ApplicantCells
  private let writer: CSVWriter
  /// Fixed cells encoded once: outcome labels by outcome, criterion words by truth.
  private let tierWords: [[UInt8]]
  private let otherOutcomeWords: [[UInt8]]
  private let truthWords: [[UInt8]]
  /// The reported definitions, each with its fixed cells encoded once.
  private let reportedWords: [ReportedWords]
  private let emptyEvaluationCells: Int

  public init(context: ReportContext, sink: any ByteSink) {
    let cells = ApplicantCells(context)
    let writer = CSVWriter(to: sink, lineEnding: .crlf, byteOrderMark: true)
    self.cells = cells
    self.writer = writer
    let ruleSet = context.ruleSet
    func word(_ outcome: Outcome) -> [UInt8] {
      writer.encoded(context.ja ? ruleSet.label(of: outcome, .ja) : ruleSet.code(of: outcome))
    }
    tierWords = ruleSet.tiers.indices.map { word(.tier($0)) }
    otherOutcomeWords = [word(.notSelected), word(.indeterminate), word(.invalid)]
    truthWords = [Truth.yes, .no, .unknown].map { writer.encoded(cells.criterion($0)) }
    reportedWords = ruleSet.reported.map { slot in
      let definition = ruleSet.definitions[safe: slot]
      var memberCount = 0
      if case .enumeration(let name)? = definition?.type {
        memberCount = ruleSet.enumerations.first { $0.name == name }?.members.count ?? 0
      }
      return ReportedWords(
        slot: slot,
        undecided: writer.encoded(cells.reported(.missing, slot: slot)),
        booleans: [false, true].map { writer.encoded(cells.reported(.boolean($0), slot: slot)) },
        members: (0..<memberCount).map { writer.encoded(cells.reported(.member($0), slot: slot)) })
    }
    emptyEvaluationCells = ruleSet.criteria.count + ruleSet.reported.count
  }

  /// A reported definition's cells that do not vary with the row: the words for undecided,
  /// for each boolean and for each member of its enumeration, so the usual values (size
  /// class, small business) are copied rather than formatted and scanned on every row.
  private struct ReportedWords {
    let slot: Int
    let undecided: [UInt8]
    /// `false`, then `true`.
    let booleans: [[UInt8]]
    /// By member index; empty unless the definition is of enumeration type.
    let members: [[UInt8]]
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
    writer.appendCell(applicant.id)
    writer.appendCell(applicant.line)
    switch applicant.outcome {
    case .tier(let index): writer.appendEncodedCell(tierWords[safe: index] ?? [])
    case .notSelected: writer.appendEncodedCell(otherOutcomeWords[0])
    case .indeterminate: writer.appendEncodedCell(otherOutcomeWords[1])
    case .invalid: writer.appendEncodedCell(otherOutcomeWords[2])
    }
    if let verdict = applicant.verdict {
      for truth in verdict.criteria {
        writer.appendEncodedCell(truthWords[truth == .yes ? 0 : (truth == .no ? 1 : 2)])
      }
      for (words, value) in zip(reportedWords, verdict.reported) {
        switch value {
        case .missing, .oneOf: writer.appendEncodedCell(words.undecided)
        case .boolean(let b): writer.appendEncodedCell(words.booleans[b ? 1 : 0])
        case .member(let index) where index >= 0 && index < words.members.count:
          writer.appendEncodedCell(words.members[index])
        default: writer.appendCell(cells.reported(value, slot: words.slot))
        }
      }
    } else {
      for _ in 0..<emptyEvaluationCells { writer.appendEncodedCell([]) }
    }
    writer.appendCell(applicant.name)
    writer.appendCell(
      applicant.problems.isEmpty ? "" : cells.errors(applicant).joined(separator: "; "))
    try writer.endRow()
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
