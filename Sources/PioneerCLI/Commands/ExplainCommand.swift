import PioneerReports
import PioneerRules
import PioneerScreening

/// `pioneer explain FILE --id ID`: everything about one applicant.
enum ExplainCommand {
  /// Stops reading at the first row with the id, so explaining one applicant of a large file
  /// costs only the rows before it.
  private struct Found: Error {
    let applicant: ScreenedApplicant
  }

  static func run(_ options: ScreenOptions, id: String, console: Console) throws {
    let ruleSet = try RuleSetLoader.load(options.rules)
    var found: ScreenedApplicant?
    do {
      _ = try screenFile(options, ruleSet: ruleSet) { applicant in
        if applicant.id == id { throw Found(applicant: applicant) }
      }
    } catch let stop as Found {
      found = stop.applicant
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
