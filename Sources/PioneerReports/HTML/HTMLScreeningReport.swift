import PioneerRules
import PioneerScreening

/// The screening report as one self-contained HTML page.
public final class HTMLScreeningReport: ScreeningReport {
  private let context: ReportContext
  private let sink: any ByteSink
  private var applicants: [ScreenedApplicant] = []

  public init(context: ReportContext, sink: any ByteSink) {
    self.context = context
    self.sink = sink
  }

  public func begin() throws {}

  public func add(_ applicant: ScreenedApplicant) throws {
    applicants.append(applicant)
  }

  public func finish(summary: ScreeningSummary, audit: AuditRecord) throws {
    try sink.write(
      HTMLPage.render(
        context: context, applicants: applicants, summary: summary, audit: audit, selection: nil))
    try sink.flush()
  }
}

/// The selection list as one self-contained HTML page.
enum HTMLSelectionReport {
  static func write(
    _ list: SelectionList, summary: ScreeningSummary, audit: AuditRecord, reviewsSHA256: String,
    sink: any ByteSink
  ) throws {
    try sink.write(
      HTMLPage.render(
        context: list.context, applicants: list.selection.applicants, summary: summary,
        audit: audit, selection: list, reviewsSHA256: reviewsSHA256))
    try sink.flush()
  }
}
