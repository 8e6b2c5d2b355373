import PioneerRecords
import PioneerReports
import PioneerRules
import PioneerScreening

/// `pioneer select FILE --reviews REVIEWS`: the selection list with the minister's award.
enum SelectCommand {
  static func run(_ options: ScreenOptions, reviews: String, winners: Int?, console: Console)
    throws
  {
    let ruleSet = try RuleSetLoader.load(options.rules)
    guard let award = ruleSet.award else {
      throw CommandFailure.noAward(ruleSet: ruleSet.source.name)
    }
    var applicants: [ScreenedApplicant] = []
    let progress = Progress(console: console, language: options.language)
    let summary = try screenFile(options, ruleSet: ruleSet) { applicant in
      applicants.append(applicant)
      progress.tick()
    }
    progress.finish()
    let sheet: ReviewSheet
    do {
      sheet = try ReviewSheet.read(path: reviews, ruleSet: ruleSet, award: award)
    } catch {
      throw CommandFailure.input(error)
    }
    let selection = Selection(
      applicants: applicants, sheet: sheet, ruleSet: ruleSet, award: award, winners: winners)
    let context = ReportContext(ruleSet: ruleSet, language: options.language, asOf: options.asOf)
    let audit = AuditRecord(
      ruleSet: ruleSet, inputPath: options.input, summary: summary,
      referenceDate: options.asOf ?? ruleSet.defaultReferenceDate, toolVersion: HelpText.version)
    let format =
      options.format ?? (options.output == nil && console.outputIsTerminal ? .table : .csv)
    try Destination.write(
      to: options.output, refusing: options.inputs + [reviews], console: console,
      language: options.language
    ) { sink in
      try Reports.selection(
        format.rawValue, selection: selection, summary: summary, audit: audit,
        reviewsSHA256: sheet.sha256, context: context, sink: sink)
    }
  }
}
