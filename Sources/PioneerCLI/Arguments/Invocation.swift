import PioneerRules

/// What the user asked for, parsed from the command line.
public enum Invocation: Equatable, Sendable {
  case screen(ScreenOptions)
  case explain(ScreenOptions, id: String)
  case check(rules: String?, language: Language)
  case select(ScreenOptions, reviews: String, winners: Int?)
  case verify(report: String, input: String, options: ScreenOptions)
  case help(command: String?)
  case version
}

/// Report formats.
public enum ReportFormat: String, Sendable, CaseIterable {
  case table, csv, json, md, html
  /// `id,outcome,P1,…` lines with no header or audit: for diffing with other engines.
  case outcomes
}

/// Options shared by the commands that read an applicant file.
public struct ScreenOptions: Equatable, Sendable {
  /// The applicant file, `-` for standard input.
  public var input: String = ""
  public var rules: String?
  public var asOf: CivilDate?
  /// nil: table on a terminal, csv otherwise.
  public var format: ReportFormat?
  public var language: Language = .ja
  public var output: String?
  /// `utf-8`, `utf-16le`, `utf-16be`, `cp932`; nil detects.
  public var encoding: String?
  /// nil: tab for `.tsv`, comma otherwise.
  public var delimiter: UInt8?

  public init() {}
}
