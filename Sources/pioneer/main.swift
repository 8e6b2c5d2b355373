import PioneerCLI
import PioneerReports

// The thin `pioneer` executable: everything it does lives in PioneerCLI.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

let standardOutput = BufferedFileSink.standardOutput()
let standardError = BufferedFileSink(
  fileDescriptor: 2, name: "standard error", closeOnDeinit: false)
let console = Console(
  standardOutput: standardOutput, standardError: standardError,
  outputIsTerminal: isatty(1) == 1, errorIsTerminal: isatty(2) == 1)
let status = Pioneer.run(Array(CommandLine.arguments.dropFirst()), console: console)
try? standardOutput.flush()
try? standardError.flush()
exit(status)
