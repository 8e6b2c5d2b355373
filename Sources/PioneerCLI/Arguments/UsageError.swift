/// A command line that cannot be run; exit status 2. The text comes from here only.
public enum UsageError: Error, Equatable, Sendable {
  case unknownCommand(String)
  case unknownOption(String, command: String)
  case missingValue(option: String)
  case invalidValue(option: String, value: String, expected: String)
  case missingArgument(String, command: String)
  case unexpectedArgument(String, command: String)

  public var message: String {
    switch self {
    case .unknownCommand(let name):
      return "unknown command '\(name)'; run 'pioneer --help' for the commands"
    case .unknownOption(let option, let command):
      return "unknown option '\(option)' for '\(command)'; run 'pioneer help \(command)'"
    case .missingValue(let option):
      return "option '\(option)' needs a value"
    case .invalidValue(let option, let value, let expected):
      return "invalid value '\(value)' for \(option): expected \(expected)"
    case .missingArgument(let what, let command):
      return "'\(command)' needs \(what); run 'pioneer help \(command)'"
    case .unexpectedArgument(let argument, let command):
      return "unexpected argument '\(argument)' for '\(command)'"
    }
  }
}
