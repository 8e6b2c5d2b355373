import Dispatch
import PioneerRecords
import PioneerReports
import PioneerRules
import PioneerScreening

extension ScreenOptions {
  /// How the intake reads the applicant file.
  var readerOptions: ReaderOptions {
    var options = ReaderOptions()
    options.encoding = encoding.flatMap(TextEncoding.init(name:))
    switch delimiter {
    case UInt8(ascii: "\t")?: options.delimiter = .tab
    case UInt8(ascii: ",")?: options.delimiter = .comma
    default: options.delimiter = nil
    }
    return options
  }

  /// Files a report must never overwrite.
  var inputs: [String] { [input, rules].compactMap { $0 }.filter { $0 != "-" } }
}

/// Sends a report to `--output` (a temporary file renamed into place on success, so a failed
/// run leaves no partial report and never touches an input) or to standard output.
enum Destination {
  static func write(
    to output: String?, refusing inputs: [String], console: Console, language: Language,
    _ body: (any ByteSink) throws -> Void
  ) throws {
    guard let output, output != "-" else {
      try body(console.standardOutput)
      try console.standardOutput.flush()
      return
    }
    let writer: AtomicFileWriter
    do {
      writer = try AtomicFileWriter(path: output, refusingInputs: inputs)
    } catch let error as OutputError {
      throw CommandFailure.output(error.message(language))
    }
    do {
      try body(writer)
      try writer.commit()
    } catch let error as OutputError {
      writer.discard()
      throw CommandFailure.output(error.message(language))
    } catch {
      writer.discard()
      throw error
    }
  }
}

/// A progress line on a terminal's standard error for runs that take more than a second;
/// nothing when standard error is piped, so logs and tests stay clean.
final class Progress {
  private let sink: (any ByteSink)?
  private let language: Language
  private let start = DispatchTime.now().uptimeNanoseconds
  private var lastShown: UInt64 = 0
  private var count = 0
  private var shown = false

  init(console: Console, language: Language) {
    sink = console.errorIsTerminal ? console.standardError : nil
    self.language = language
  }

  func tick() {
    count += 1
    guard let sink, count % 4096 == 0 else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    guard now - start > 1_000_000_000, now - lastShown > 250_000_000 else { return }
    lastShown = now
    shown = true
    let text = language == .ja ? "\r処理中: \(count) 行" : "\rscreening: \(count) rows"
    try? sink.write(text)
    try? sink.flush()
  }

  func finish() {
    guard let sink, shown else { return }
    try? sink.write("\r\u{1B}[K")
    try? sink.flush()
  }
}

/// Reads an applicant file, turning an intake rejection into a command failure.
func screenFile(
  _ options: ScreenOptions, ruleSet: RuleSet, onStart: () throws -> Void = {},
  _ body: (ScreenedApplicant) throws -> Void
) throws -> ScreeningSummary {
  let screener = Screener(ruleSet: ruleSet, asOf: options.asOf)
  do {
    return try screener.screen(
      path: options.input, options: options.readerOptions, onStart: onStart, body)
  } catch let error as FileError {
    throw CommandFailure.input(error)
  }
}
