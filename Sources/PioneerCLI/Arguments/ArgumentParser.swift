import PioneerRules

/// Parses `pioneer`'s command line into an `Invocation`.
public enum ArgumentParser {
  public static func parse(_ arguments: [String]) throws(UsageError) -> Invocation {
    guard let command = arguments.first else { return .help(command: nil) }
    let rest = Array(arguments.dropFirst())
    switch command {
    case "--help", "-h": return .help(command: nil)
    case "--version", "-V", "version": return .version
    case "help":
      guard rest.count <= 1 else { throw .unexpectedArgument(rest[1], command: "help") }
      if let name = rest.first, !HelpText.commands.contains(name) { throw .unknownCommand(name) }
      return .help(command: rest.first)
    case "screen", "explain", "select", "verify", "check":
      if rest.contains("--help") || rest.contains("-h") { return .help(command: command) }
      return try parseCommand(command, rest)
    default:
      throw .unknownCommand(command)
    }
  }

  private static func parseCommand(_ command: String, _ arguments: [String]) throws(UsageError)
    -> Invocation
  {
    var options = ScreenOptions()
    var positional: [String] = []
    var id: String?
    var reviews: String?
    var winners: Int?
    var index = 0
    func value(_ option: String) throws(UsageError) -> String {
      index += 1
      guard index < arguments.count else { throw .missingValue(option: option) }
      return arguments[index]
    }
    while index < arguments.count {
      var argument = arguments[index]
      // `--format=json` is `--format json`.
      var inlineValue: String?
      if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
        inlineValue = String(argument[argument.index(after: equals)...])
        argument = String(argument[..<equals])
      }
      func take() throws(UsageError) -> String {
        if let inlineValue { return inlineValue }
        return try value(argument)
      }
      let allowed = allowedOptions[command] ?? []
      if argument.hasPrefix("-") && argument != "-" && !allowed.contains(argument) {
        throw .unknownOption(argument, command: command)
      }
      switch argument {
      case "--rules": options.rules = try take()
      case "--as-of":
        let text = try take()
        guard let date = parseISODate(text) else {
          throw .invalidValue(option: "--as-of", value: text, expected: "a date YYYY-MM-DD")
        }
        options.asOf = date
      case "--format":
        let text = try take()
        guard let format = ReportFormat(rawValue: text) else {
          throw .invalidValue(
            option: "--format", value: text,
            expected: ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
        options.format = format
      case "--lang":
        let text = try take()
        guard let language = Language(rawValue: text) else {
          throw .invalidValue(option: "--lang", value: text, expected: "ja or en")
        }
        options.language = language
      case "--output", "-o": options.output = try take()
      case "--encoding":
        let text = try take().lowercased()
        guard encodings.contains(text) else {
          throw .invalidValue(
            option: "--encoding", value: text, expected: encodings.joined(separator: ", "))
        }
        options.encoding = text
      case "--delimiter":
        let text = try take()
        switch text {
        case "comma", ",": options.delimiter = UInt8(ascii: ",")
        case "tab", "\t": options.delimiter = UInt8(ascii: "\t")
        default: throw .invalidValue(option: "--delimiter", value: text, expected: "comma or tab")
        }
      case "--id": id = try take()
      case "--reviews": reviews = try take()
      case "--minister":
        let text = try take()
        guard let n = Int(text), n >= 0, n <= 1_000_000 else {
          throw .invalidValue(option: "--minister", value: text, expected: "a whole number ≥ 0")
        }
        winners = n
      default:
        positional.append(argument)
      }
      index += 1
    }
    switch command {
    case "check":
      guard positional.count <= 1 else {
        throw .unexpectedArgument(positional[1], command: command)
      }
      return .check(rules: positional.first ?? options.rules, language: options.language)
    case "verify":
      guard positional.count >= 2 else {
        throw .missingArgument("a report (JSON) and the input it came from", command: command)
      }
      guard positional.count == 2 else {
        throw .unexpectedArgument(positional[2], command: command)
      }
      options.input = positional[1]
      return .verify(report: positional[0], input: positional[1], options: options)
    default:
      guard let input = positional.first else {
        throw .missingArgument("an applicant file (or - for standard input)", command: command)
      }
      guard positional.count == 1 else {
        throw .unexpectedArgument(positional[1], command: command)
      }
      options.input = input
      if command == "explain" {
        guard let id else { throw .missingArgument("--id ID", command: command) }
        return .explain(options, id: id)
      }
      if command == "select" {
        guard let reviews else { throw .missingArgument("--reviews FILE", command: command) }
        return .select(options, reviews: reviews, winners: winners)
      }
      return .screen(options)
    }
  }

  static let encodings = ["utf-8", "utf8", "utf-16le", "utf-16be", "cp932", "shift_jis", "sjis"]

  private static let common = [
    "--rules", "--as-of", "--lang", "--encoding", "--delimiter",
  ]
  static let allowedOptions: [String: Set<String>] = [
    "screen": Set(common + ["--format", "--output", "-o"]),
    "explain": Set(common + ["--id", "--output", "-o"]),
    "select": Set(common + ["--format", "--output", "-o", "--reviews", "--minister"]),
    "verify": Set(common),
    "check": ["--rules", "--lang"],
  ]

  /// `YYYY-MM-DD` only: the command line takes one unambiguous form.
  static func parseISODate(_ text: String) -> CivilDate? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return nil }
    return CivilDate(year: y, month: m, day: d)
  }
}
