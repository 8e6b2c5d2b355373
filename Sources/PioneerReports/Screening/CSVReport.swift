import PioneerRules
import PioneerScreening

/// CSV for spreadsheets: UTF-8 with BOM and CRLF so Japanese Excel opens it as is; a cell
/// that could start a formula is neutralised. Columns: id, line, outcome, each criterion,
/// the reported facts, name, errors; the audit block follows the rows after a blank line.
public final class CSVReport: ScreeningReport {
  private let cells: ApplicantCells
  private let writer: CSVWriter
  /// Every fixed cell, encoded once, end to end; the fields below are ranges of it, so a row
  /// copies its fixed cells from one buffer without retaining an array per cell.
  private let words: [UInt8]
  /// Outcome labels by tier, then not_selected, indeterminate, invalid.
  private let tierWords: [Range<Int>]
  private let otherOutcomeWords: [Range<Int>]
  /// Criterion words for yes, no, unknown.
  private let truthWords: [Range<Int>]
  /// The reported definitions, each with its fixed cells.
  private let reportedWords: [ReportedWords]
  private let emptyEvaluationCells: Int

  public init(context: ReportContext, sink: any ByteSink) {
    let cells = ApplicantCells(context)
    let writer = CSVWriter(to: sink, lineEnding: .crlf, byteOrderMark: true)
    self.cells = cells
    self.writer = writer
    let ruleSet = context.ruleSet
    var pool: [UInt8] = []
    func add(_ text: String) -> Range<Int> {
      let start = pool.count
      pool += writer.encoded(text)
      return start..<pool.count
    }
    func word(_ outcome: Outcome) -> Range<Int> {
      add(context.ja ? ruleSet.label(of: outcome, .ja) : ruleSet.code(of: outcome))
    }
    tierWords = ruleSet.tiers.indices.map { word(.tier($0)) }
    otherOutcomeWords = [word(.notSelected), word(.indeterminate), word(.invalid)]
    truthWords = [Truth.yes, .no, .unknown].map { add(cells.criterion($0)) }
    reportedWords = ruleSet.reported.map { slot in
      let definition = ruleSet.definitions[safe: slot]
      var memberCount = 0
      if case .enumeration(let name)? = definition?.type {
        memberCount = ruleSet.enumerations.first { $0.name == name }?.members.count ?? 0
      }
      return ReportedWords(
        slot: slot,
        undecided: add(cells.reported(.missing, slot: slot)),
        booleans: [false, true].map { add(cells.reported(.boolean($0), slot: slot)) },
        members: (0..<memberCount).map { add(cells.reported(.member($0), slot: slot)) })
    }
    words = pool
    emptyEvaluationCells = ruleSet.criteria.count + ruleSet.reported.count
  }

  /// A reported definition's cells that do not vary with the row: the words for undecided,
  /// for each boolean and for each member of its enumeration, so the usual values (size
  /// class, small business) are copied rather than formatted and scanned on every row.
  private struct ReportedWords {
    let slot: Int
    let undecided: Range<Int>
    /// `false`, then `true`.
    let booleans: [Range<Int>]
    /// By member index; empty unless the definition is of enumeration type.
    let members: [Range<Int>]
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
    words.withUnsafeBufferPointer { pool in
      // The ranges were made from `pool` itself, so they are always within it.
      func appendWord(_ range: Range<Int>) {
        writer.appendEncodedCell(UnsafeBufferPointer(rebasing: pool[range]))
      }
      switch applicant.outcome {
      case .tier(let index): appendWord(tierWords[safe: index] ?? 0..<0)
      case .notSelected: appendWord(otherOutcomeWords[0])
      case .indeterminate: appendWord(otherOutcomeWords[1])
      case .invalid: appendWord(otherOutcomeWords[2])
      }
      guard let verdict = applicant.verdict else {
        for _ in 0..<emptyEvaluationCells { appendWord(0..<0) }
        return
      }
      for truth in verdict.criteria {
        appendWord(truthWords[truth == .yes ? 0 : (truth == .no ? 1 : 2)])
      }
      for (reported, value) in zip(reportedWords, verdict.reported) {
        switch value {
        case .missing, .oneOf: appendWord(reported.undecided)
        case .boolean(let b): appendWord(reported.booleans[b ? 1 : 0])
        case .member(let index) where index >= 0 && index < reported.members.count:
          appendWord(reported.members[index])
        default: writer.appendCell(cells.reported(value, slot: reported.slot))
        }
      }
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
