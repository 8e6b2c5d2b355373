import PioneerReports
import PioneerRules

/// The `pioneer` command line as a library: parses the arguments, runs the command against
/// the given console, and returns the exit status.
public enum Pioneer {
  public static func run(_ arguments: [String], console: Console) -> Int32 {
    let invocation: Invocation
    do {
      invocation = try ArgumentParser.parse(arguments)
    } catch {
      report(.usage(error), language: .ja, console: console)
      return 2
    }
    do {
      switch invocation {
      case .help(let command):
        try write(HelpText.text(for: command), to: console.standardOutput)
      case .version:
        try write(HelpText.version + "\n", to: console.standardOutput)
      case .check(let rules, let language):
        try CheckCommand.run(rules: rules, language: language, console: console)
      case .screen(let options):
        try ScreenCommand.run(options, console: console)
      case .explain(let options, let id):
        try ExplainCommand.run(options, id: id, console: console)
      case .select(let options, let reviews, let winners):
        try SelectCommand.run(options, reviews: reviews, winners: winners, console: console)
      case .verify(let report, let input, let options):
        try VerifyCommand.run(report: report, input: input, options: options, console: console)
      }
      return 0
    } catch let failure as CommandFailure {
      report(failure, language: language(of: invocation), console: console)
      return failure.exitStatus
    } catch {
      report(
        .output(String(describing: error)), language: language(of: invocation), console: console)
      return 1
    }
  }

  private static func language(of invocation: Invocation) -> Language {
    switch invocation {
    case .screen(let o), .explain(let o, _), .select(let o, _, _), .verify(_, _, let o):
      return o.language
    case .check(_, let language): return language
    default: return .ja
    }
  }

  private static func report(_ failure: CommandFailure, language: Language, console: Console) {
    try? write(failure.message(language) + "\n", to: console.standardError)
  }

  static func write(_ text: String, to sink: any ByteSink) throws {
    try sink.write(text)
    try sink.flush()
  }
}
