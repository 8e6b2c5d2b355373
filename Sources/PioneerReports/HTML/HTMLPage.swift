import PioneerRules
import PioneerScreening

/// Renders the HTML page (screening or selection). Everything from the input is escaped and
/// nothing is loaded from the network.
enum HTMLPage {
  static func render(
    context: ReportContext, applicants: [ScreenedApplicant], summary: ScreeningSummary,
    audit: AuditRecord, selection: SelectionList?
  ) -> String {
    let e = HTMLEscaping.text
    var out =
      "<!doctype html><html lang=\"\(context.language.rawValue)\"><head><meta charset=\"utf-8\">"
    out +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    out += "<title>\(e(context.ruleSet.label.text(context.language)))</title></head><body>"
    out += "<h1>\(e(context.ruleSet.label.text(context.language)))</h1><ul>"
    for line in SummaryText.lines(summary, ruleSet: context.ruleSet, language: context.language) {
      out += "<li>\(e(line))</li>"
    }
    out += "</ul>"
    for applicant in applicants {
      out += "<section><h3>\(e(applicant.id)) \(e(applicant.name))</h3><pre>"
      out += e(ExplanationText.render(applicant, context: context))
      out += "</pre></section>"
    }
    out += "<footer><dl>"
    for field in audit.fields(context.language) {
      out += "<dt>\(e(field.label))</dt><dd>\(e(field.value))</dd>"
    }
    out += "</dl></footer></body></html>\n"
    _ = selection
    return out
  }
}
