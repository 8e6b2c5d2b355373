import PioneerReports
import PioneerRules
import PioneerScreening

/// `pioneer screen FILE`: every applicant, one line each.
enum ScreenCommand {
  static func run(_ options: ScreenOptions, console: Console) throws {
    let ruleSet = try RuleSetLoader.load(options.rules)
    let format =
      options.format ?? (options.output == nil && console.outputIsTerminal ? .table : .csv)
    let context = ReportContext(ruleSet: ruleSet, language: options.language, asOf: options.asOf)
    try Destination.write(
      to: options.output, refusing: options.inputs, console: console, language: options.language
    ) { sink in
      let report = Reports.screening(format.rawValue, context: context, sink: sink)
      let progress = Progress(console: console, language: options.language)
      let summary = try screenFile(options, ruleSet: ruleSet, onStart: report.begin) { applicant in
        try report.add(applicant)
        progress.tick()
      }
      progress.finish()
      let audit = AuditRecord(
        ruleSet: ruleSet, inputPath: options.input, summary: summary,
        referenceDate: options.asOf ?? ruleSet.defaultReferenceDate, toolVersion: HelpText.version)
      try report.finish(summary: summary, audit: audit)
    }
  }
}
