import PioneerRules
import PioneerScreening

/// A screening report written as applicants arrive: rows stream out in input order, and the
/// summary and audit block come at the end, when the counts and the input's SHA-256 are known.
public protocol ScreeningReport: AnyObject {
  func begin() throws
  func add(_ applicant: ScreenedApplicant) throws
  func finish(summary: ScreeningSummary, audit: AuditRecord) throws
}

/// What every report needs besides the applicants.
public struct ReportContext: Sendable {
  public let ruleSet: RuleSet
  public let language: Language
  /// The reference date for rows without one (`--as-of`), for explanations.
  public let asOf: CivilDate?

  public init(ruleSet: RuleSet, language: Language, asOf: CivilDate?) {
    self.ruleSet = ruleSet
    self.language = language
    self.asOf = asOf
  }

  var ja: Bool { language == .ja }
}

/// The texts shown for one applicant, shared by every format so they never disagree.
struct ApplicantCells {
  let context: ReportContext
  private let formatter: ValueFormatter

  init(_ context: ReportContext) {
    self.context = context
    self.formatter = ValueFormatter(ruleSet: context.ruleSet, language: context.language)
  }

  var ruleSet: RuleSet { context.ruleSet }

  func outcome(_ applicant: ScreenedApplicant) -> String {
    ruleSet.label(of: applicant.outcome, context.language)
  }

  /// pass / fail / unknown, or 満たす / 満たさない / 判定不能.
  func criterion(_ truth: Truth) -> String {
    context.language == .en ? truth.word : formatter.text(truth)
  }

  /// A reported definition's value; an undecided one is 不明 / unknown.
  func reported(_ value: Value, slot: Int) -> String {
    switch value {
    case .missing, .oneOf: return context.ja ? "不明" : "unknown"
    default: return formatter.text(value, type: ruleSet.definitions[slot].type)
    }
  }

  func errors(_ applicant: ScreenedApplicant) -> [String] {
    errors(applicant.problems)
  }

  func errors(_ problems: [RowProblem]) -> [String] {
    problems.map { $0.message(context.language) }
  }

  /// Failed and unknown criteria with a short reason: the smallest fix, or what is missing.
  func reasons(_ applicant: ScreenedApplicant) -> [String] {
    reasons(applicant) { explanation(of: $0) }
  }

  /// `reasons(_:)` of an applicant whose explanation `explain` gives (called only for an
  /// evaluated applicant with a criterion not met): for a report that has explained the
  /// applicant already, explaining being most of what a report of a row costs.
  func reasons(
    _ applicant: ScreenedApplicant, explain: (Record) -> ApplicantExplanation
  ) -> [String] {
    guard let verdict = applicant.verdict, let record = applicant.record else {
      return errors(applicant)
    }
    let open = zip(ruleSet.criteria, verdict.criteria).filter { $0.1 != .yes }
    guard !open.isEmpty else { return [] }
    let explanation = explain(record)
    return explanation.criteria.filter { $0.result != .yes }.map { criterion in
      if criterion.result == .unknown {
        let missing = criterion.missingInputs.joined(separator: context.ja ? "・" : ", ")
        return "\(criterion.id)? " + (context.ja ? "未入力: \(missing)" : "missing: \(missing)")
      }
      return "\(criterion.id)✗ " + (criterion.fixes.first?.sentence ?? criterion.reasoning)
    }
  }

  /// The full explanation of a record, as `explain` and the HTML cards show it.
  func explanation(of record: Record) -> ApplicantExplanation {
    Explainer(ruleSet: ruleSet, language: context.language).explain(record, asOf: context.asOf)
  }

  /// Column titles of the reported definitions.
  var reportedTitles: [String] {
    ruleSet.reported.map { ruleSet.definitions[$0].label.text(context.language) }
  }
}

/// Builds reports by format name.
public enum Reports {
  /// The screening report for `format` (table, csv, json, md, html, outcomes; csv otherwise).
  public static func screening(_ format: String, context: ReportContext, sink: any ByteSink)
    -> any ScreeningReport
  {
    switch format {
    case "table": return TableReport(context: context, sink: sink)
    case "json": return JSONReport(context: context, sink: sink)
    case "md": return MarkdownReport(context: context, sink: sink)
    case "html": return HTMLScreeningReport(context: context, sink: sink)
    case "outcomes": return OutcomesReport(context: context, sink: sink)
    default: return CSVReport(context: context, sink: sink)
    }
  }
}
