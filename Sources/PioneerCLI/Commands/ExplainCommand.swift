import PioneerRecords
import PioneerReports
import PioneerRules
import PioneerScreening

/// `pioneer explain FILE --id ID`: everything about one applicant.
enum ExplainCommand {
  static func run(_ options: ScreenOptions, id: String, console: Console) throws {
    let ruleSet = try RuleSetLoader.load(options.rules)
    let found: ScreenedApplicant?
    do {
      found = try Screener(ruleSet: ruleSet, asOf: options.asOf)
        .find(id: id, path: options.input, options: options.readerOptions)
    } catch let error as FileError {
      throw CommandFailure.input(error)
    }
    guard let applicant = found else {
      throw CommandFailure.notFound(id: id, path: options.input)
    }
    let context = ReportContext(ruleSet: ruleSet, language: options.language, asOf: options.asOf)
    try Destination.write(
      to: options.output, refusing: options.inputs, console: console, language: options.language
    ) { sink in
      try sink.write(ExplanationText.render(applicant, context: context))
    }
  }
}
