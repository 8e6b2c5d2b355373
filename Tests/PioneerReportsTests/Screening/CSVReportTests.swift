import Foundation
import PioneerRules
import PioneerScreening
import Testing

@testable import PioneerReports

/// The rule set and samples of the repository, and reports written into memory.
private enum Fixture {
  /// The repository root (this file is Tests/PioneerReportsTests/Screening/CSVReportTests.swift).
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let ruleSet: RuleSet? = {
    let path = root.appendingPathComponent("Rules/r3.rules").path
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    return try? RuleSet.load(text: text, name: path)
  }()

  static func report(_ language: Language, _ sink: MemorySink) throws -> CSVReport {
    let ruleSet = try #require(Fixture.ruleSet)
    return CSVReport(
      context: ReportContext(ruleSet: ruleSet, language: language, asOf: nil), sink: sink)
  }

  /// The applicants of a CSV file, screened as `pioneer screen` screens them.
  static func applicants(_ path: String) throws -> [ScreenedApplicant] {
    let ruleSet = try #require(Fixture.ruleSet)
    var applicants: [ScreenedApplicant] = []
    _ = try Screener(ruleSet: ruleSet, asOf: nil).screen(path: path) { applicants.append($0) }
    return applicants
  }

  /// Writes `text` to a new file in a fresh temporary folder and returns its path.
  static func write(_ text: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("pioneer-csv-report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent("applicants.csv")
    try Data(text.utf8).write(to: url)
    return url.path
  }
}

/// One row's parts, as `CSVReport.appendRow` takes them.
private struct RowParts {
  var id = "A-001"
  var line = 2
  var outcome = Outcome.tier(0)
  var criteria = TruthList(Array(repeating: Truth.yes, count: 8))
  var reported: [Value] = [.boolean(false), .member(1)]
  var name = "株式会社テスト"
  var problems: [RowProblem] = []

  init() {}

  init(_ applicant: ScreenedApplicant) {
    id = applicant.id
    line = applicant.line
    outcome = applicant.outcome
    criteria = applicant.verdict?.criteria ?? TruthList()
    reported = applicant.verdict?.reported ?? []
    name = applicant.name
    problems = applicant.problems
  }

  /// An invalid row's parts.
  static func invalid(id: String, name: String, problems: [RowProblem]) -> RowParts {
    var parts = RowParts()
    parts.id = id
    parts.name = name
    parts.outcome = .invalid
    parts.criteria = TruthList()
    parts.reported = []
    parts.problems = problems
    return parts
  }
}

extension CSVReport {
  fileprivate func writeInPlace(_ row: RowParts) throws -> Bool {
    try writeRowInPlace(
      id: row.id, line: row.line, outcome: row.outcome, criteria: row.criteria,
      reported: row.reported, name: row.name, problems: row.problems)
  }

  fileprivate func append(_ row: RowParts) throws {
    try appendRow(
      id: row.id, line: row.line, outcome: row.outcome, criteria: row.criteria,
      reported: row.reported, name: row.name, problems: row.problems)
  }

  fileprivate func writeThroughEncoder(_ row: RowParts) throws {
    try writeRowThroughEncoder(
      id: row.id, line: row.line, outcome: row.outcome, criteria: row.criteria,
      reported: row.reported, name: row.name, problems: row.problems)
  }
}

/// The CSV report writes rows straight into the sink from pre-encoded cells; each test holds
/// it to the general path, which writes every cell's text through the encoder.
@Suite struct CSVReportTests {
  /// Writes `rows` the fast way and through the encoder, expecting every row to be written
  /// the fast way when `inPlace` says so, and the same bytes from both.
  private func expectSameBytes(
    _ rows: [RowParts], _ language: Language, inPlace: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let fast = MemorySink()
    let fastReport = try Fixture.report(language, fast)
    let reference = MemorySink()
    let referenceReport = try Fixture.report(language, reference)
    for row in rows {
      if inPlace {
        #expect(try fastReport.writeInPlace(row), sourceLocation: sourceLocation)
      } else {
        try fastReport.append(row)
      }
      try referenceReport.writeThroughEncoder(row)
    }
    #expect(fast.text == reference.text, sourceLocation: sourceLocation)
    #expect(fast.bytes == reference.bytes, sourceLocation: sourceLocation)
  }

  @Test(arguments: [Language.ja, .en])
  func awkwardIdsAndNamesMatchTheEncoder(language: Language) throws {
    let rows = awkwardCells.flatMap { cell in
      [("A-1", cell), (cell, "株式会社テスト"), (cell, cell)].map { id, name in
        var row = RowParts()
        row.id = id
        row.name = name
        return row
      }
    }
    try expectSameBytes(rows, language)
  }

  @Test(arguments: [Language.ja, .en])
  func everyCombinationOfTruthsMatchesTheEncoder(language: Language) throws {
    let truths: [Truth] = [.yes, .no, .unknown]
    let rows = (0..<6561).map { combination in
      var row = RowParts()
      var rest = combination
      row.criteria = TruthList(
        (0..<8).map { _ in
          defer { rest /= 3 }
          return truths[rest % 3]
        })
      row.line = combination
      row.outcome = [Outcome.tier(0), .tier(1), .notSelected, .indeterminate][combination % 4]
      return row
    }
    try expectSameBytes(rows, language)
  }

  @Test(arguments: [Language.ja, .en])
  func everyReportedValueWithAFixedCellMatchesTheEncoder(language: Language) throws {
    let small: [Value] = [
      .missing, .boolean(false), .boolean(true), .oneOf([.boolean(false), .boolean(true)]),
    ]
    let size: [Value] = [
      .missing, .member(0), .member(1), .member(2), .boolean(true),
      .oneOf([.member(0), .member(2)]),
    ]
    let rows = small.flatMap { first in
      size.map { second in
        var row = RowParts()
        row.reported = [first, second]
        return row
      }
    }
    try expectSameBytes(rows, language)
  }

  /// Values with no fixed cell, a tier the rule set lacks, and truths or values that do not
  /// match the rule set cannot be written in place; the report writes them through the
  /// encoder instead.
  @Test(arguments: [Language.ja, .en])
  func rowsWithoutFixedCellsAreWrittenThroughTheEncoder(language: Language) throws {
    var outOfRangeMember = RowParts()
    outOfRangeMember.reported = [.boolean(true), .member(7)]
    var number = RowParts()
    number.reported = [.boolean(true), .number(ExactNumber(5))]
    var unknownTier = RowParts()
    unknownTier.outcome = .tier(9)
    var fewerTruths = RowParts()
    fewerTruths.criteria = [.yes, .no]
    var fewerValues = RowParts()
    fewerValues.reported = [.boolean(true)]
    let rows = [outOfRangeMember, number, unknownTier, fewerTruths, fewerValues]
    let sink = MemorySink()
    let report = try Fixture.report(language, sink)
    for row in rows { #expect(try !report.writeInPlace(row)) }
    // Nothing of the rows; the byte order mark comes before the first row however it is written.
    #expect(sink.bytes == CSVWriter.byteOrderMark)
    try expectSameBytes(rows, language, inPlace: false)
  }

  @Test(arguments: [Language.ja, .en])
  func invalidRowsAndTheirErrorsMatchTheEncoder(language: Language) throws {
    let awkward = Label(ja: "値が不正, \"引用\"\n改行", en: "bad value, \"quoted\"\r\nnext")
    let formula = Label(ja: "=1+2", en: "@SUM(A1)")
    let rows = [
      RowParts.invalid(
        id: "Y-1", name: "不正\"な", problems: [.inconsistent(check: "a", label: awkward)]),
      RowParts.invalid(id: "", name: "", problems: [.inconsistent(check: "b", label: formula)]),
      RowParts.invalid(
        id: "=Y-3", name: "株式会社,テスト",
        problems: [
          .inconsistent(check: "a", label: awkward), .inconsistent(check: "b", label: formula),
        ]),
    ]
    try expectSameBytes(rows, language)
  }

  @Test func namesLongerThanTheSinksBufferAreWrittenWhole() throws {
    var long = RowParts()
    long.name = String(repeating: "株式会社長い名前", count: 4_000)
    var quoted = RowParts()
    quoted.name = String(repeating: "株式会社\"長い\",名前", count: 3_000)
    try expectSameBytes([long, RowParts(), quoted, RowParts()], .ja)
  }

  /// The whole report of the samples (valid, invalid, undecided rows, with the header and
  /// audit block) is the report written cell by cell through the encoder, every row of it
  /// written in place.
  @Test(arguments: [Language.ja, .en])
  func theSamplesReportMatchesTheEncoder(language: Language) throws {
    let samples = Fixture.root.appendingPathComponent("Samples/applicants.csv").path
    let rows = try Fixture.applicants(samples).map(RowParts.init)
    #expect(rows.count == 47)
    try expectSameBytes(rows, language)
  }

  /// The samples screened as the command screens them and reported through `add`, which
  /// finds the cells by the codes the batches worked out, are the report written cell by cell
  /// through the encoder.
  @Test(arguments: [Language.ja, .en])
  func theSamplesReportedThroughAddMatchTheEncoder(language: Language) throws {
    let samples = Fixture.root.appendingPathComponent("Samples/applicants.csv").path
    let applicants = try Fixture.applicants(samples)
    #expect(applicants.contains { $0.codes != nil } && applicants.contains { $0.codes == nil })
    let fast = MemorySink()
    let fastReport = try Fixture.report(language, fast)
    let reference = MemorySink()
    let referenceReport = try Fixture.report(language, reference)
    for applicant in applicants {
      try fastReport.add(applicant)
      try referenceReport.writeThroughEncoder(RowParts(applicant))
    }
    #expect(fast.bytes == reference.bytes)
  }

  /// Codes that do not match the rule set's criteria or reported definitions, or a code with
  /// no cell, are not written in place.
  @Test(arguments: [Language.ja, .en])
  func codesThatDoNotMatchTheRuleSetAreNotWrittenInPlace(language: Language) throws {
    let sink = MemorySink()
    let report = try Fixture.report(language, sink)
    let eight = TruthList(Array(repeating: Truth.yes, count: 8))
    let codes = [
      VerdictCodes(outcome: .tier(0), criteria: [.yes], reported: [.missing, .missing]),
      VerdictCodes(outcome: .tier(0), criteria: eight, reported: [.missing]),
      VerdictCodes(outcome: .tier(0), criteria: eight, reported: [.member(0), .missing]),
      VerdictCodes(outcome: .tier(0), criteria: eight, reported: [.missing, .member(4)]),
      VerdictCodes(outcome: .tier(7), criteria: eight, reported: [.missing, .missing]),
    ]
    for codes in codes {
      let codes = try #require(codes)
      #expect(
        try !report.writeRowInPlace(
          id: "A-1", line: 2, codes: codes, name: "株式会社テスト", problems: []))
    }
    #expect(sink.bytes == CSVWriter.byteOrderMark)
  }

  /// A file with awkward ids and names, read and screened as the command does (so cells are
  /// normalised as the reader normalises them), reported through `add`.
  @Test(arguments: [Language.ja, .en])
  func awkwardApplicantsReportedThroughAddMatchTheEncoder(language: Language) throws {
    let header =
      "応募ID,企業・団体名,組織種別,産業分類コード,資本金,総従業員数,常時雇用する人数,テレワーク対象従業員数,"
      + "テレワーク実施者数,月平均実施日数,テレワーク規定,長時間労働防止対策,重大な法令違反日,反社会的勢力非該当,応募日"
    let rest = "株式会社,39,3億円,100,90,40,25,6.5,就業規則本則,あり,なし,はい,2021-09-15"
    func quoted(_ text: String) -> String {
      "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    var lines = [header]
    for (index, cell) in awkwardCells.enumerated() {
      lines.append(
        quoted("X-\(index)" + cell) + "," + quoted(cell.isEmpty ? "名" : cell) + "," + rest)
    }
    lines.append("Y-1,列が足りない,株式会社,39")
    lines.append("Y-2,\"値が変\",株式会社,39,=1+2,abc,90,40,25,6.5,就業規則本則,あり,なし,はい,")
    let path = try Fixture.write(lines.joined(separator: "\r\n") + "\r\n")
    let applicants = try Fixture.applicants(path)
    let fast = MemorySink()
    let fastReport = try Fixture.report(language, fast)
    let reference = MemorySink()
    let referenceReport = try Fixture.report(language, reference)
    try fastReport.begin()
    try referenceReport.begin()
    for applicant in applicants {
      try fastReport.add(applicant)
      try referenceReport.writeThroughEncoder(RowParts(applicant))
    }
    #expect(applicants.count == awkwardCells.count + 2)
    #expect(fast.bytes == reference.bytes)
  }
}
