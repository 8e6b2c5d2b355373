import PioneerReports

/// Where a command's output goes: the executable passes the process's streams, tests pass
/// memory. The library never prints on its own.
public struct Console {
  public let standardOutput: any ByteSink
  public let standardError: any ByteSink
  /// Whether standard output is a terminal (the table format is the default there).
  public let outputIsTerminal: Bool
  /// Whether standard error is a terminal (progress lines appear only there).
  public let errorIsTerminal: Bool

  public init(
    standardOutput: any ByteSink, standardError: any ByteSink, outputIsTerminal: Bool,
    errorIsTerminal: Bool
  ) {
    self.standardOutput = standardOutput
    self.standardError = standardError
    self.outputIsTerminal = outputIsTerminal
    self.errorIsTerminal = errorIsTerminal
  }
}
