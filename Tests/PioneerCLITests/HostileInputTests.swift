import Foundation
import Testing

/// Hostile input files given to the built `pioneer screen`: each ends with a clear message —
/// a row error in the report (exit 0, the audit naming the file) or a file-level rejection
/// (exit 1, standard error naming the file, nothing on standard output) — never a signal.
@Suite(.serialized) struct HostileInputTests {
  static let header =
    "応募ID,企業・団体名,組織種別,産業分類コード,資本金,総従業員数,常時雇用する人数,テレワーク対象従業員数,"
    + "テレワーク実施者数,月平均実施日数,テレワーク規定,長時間労働防止対策,重大な法令違反日,反社会的勢力非該当,応募日"
  static let row = "A-1,株式会社テスト,株式会社,39,3億円,10,10,5,5,4,就業規則本則,あり,なし,はい,2021-09-01"
  static let tenToThe30 = "1" + String(repeating: "0", count: 30)

  /// Runs `pioneer screen FILE --format json --lang en [extra]` on `bytes` saved as `name`.
  static func screen(
    _ bytes: [UInt8], name: String = "hostile.csv", _ extra: [String] = []
  ) throws -> (result: PioneerBinary.Result, path: String) {
    let directory = try PioneerBinary.temporaryDirectory()
    let file = directory.appendingPathComponent(name)
    try Data(bytes).write(to: file)
    let result = try PioneerBinary.run(
      ["screen", file.path, "--format", "json", "--lang", "en"] + extra)
    try? FileManager.default.removeItem(at: directory)
    return (result, file.path)
  }

  static func screen(_ text: String, _ extra: [String] = []) throws -> (
    result: PioneerBinary.Result, path: String
  ) {
    try screen(Array(text.utf8), extra)
  }

  /// The report of a run that exited 0 and names `path` in its audit.
  static func report(_ run: (result: PioneerBinary.Result, path: String)) throws -> [String: Any] {
    #expect(run.result.status == 0, "stderr: \(run.result.error)")
    let json = try PioneerBinary.json(run.result.output)
    #expect((json["audit"] as? [String: Any])?["input"] as? String == run.path)
    return json
  }

  /// Checks a whole-file rejection: exit 1, a message naming the file, no report, even on
  /// standard output (a regular file is decoded through before any row is read, so a
  /// decoding error at its very end still comes before the first line of the report).
  static func expectRejected(
    _ run: (result: PioneerBinary.Result, path: String), saying words: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(run.result.status == 1, "stderr: \(run.result.error)", sourceLocation: sourceLocation)
    #expect(run.result.error.hasPrefix(run.path + ": "), sourceLocation: sourceLocation)
    #expect(run.result.error.contains(words), "\(run.result.error)", sourceLocation: sourceLocation)
    #expect(run.result.output.isEmpty, sourceLocation: sourceLocation)
  }

  /// Runs the same file with `--output`, which must leave no report behind.
  static func expectNothingWritten(
    _ bytes: [UInt8], _ extra: [String], sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let directory = try PioneerBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let report = directory.appendingPathComponent("report.json")
    let run = try screen(bytes, extra + ["--output", report.path])
    #expect(run.result.status == 1, sourceLocation: sourceLocation)
    #expect(run.result.output.isEmpty, sourceLocation: sourceLocation)
    #expect(!FileManager.default.fileExists(atPath: report.path), sourceLocation: sourceLocation)
  }

  static func errors(_ json: [String: Any]) -> [[String]] {
    (json["applicants"] as? [[String: Any]] ?? []).map { $0["errors"] as? [String] ?? [] }
  }

  @Test func hugeNumbersInCountDecimalAndYenCellsAreRowErrorsNotTraps() throws {
    let t = Self.tenToThe30
    let rows = [
      "A-1,甲,株式会社,39,\(t),\(t),10,5,5,\(t),就業規則本則,あり,なし,はい,2021-09-01",
      "A-2,乙,株式会社,39,99999999999999999999999億,10,10,5,5,4,本則,あり,なし,はい,2021-09-01",
    ]
    let json = try Self.report(Self.screen(([Self.header] + rows).joined(separator: "\n")))
    let errors = Self.errors(json)
    #expect(errors.count == 2)
    #expect(errors.first?.count == 3)
    #expect(errors.first?.allSatisfy { $0.contains(t) && $0.contains("out of range") } == true)
    #expect(errors.last?.first?.contains("99999999999999999999999億") == true)
  }

  @Test func deeplyNestedRuleFileIsRejectedWithItsLineNotAStackOverflow() throws {
    let directory = try PioneerBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let r3 = try String(
      contentsOf: PioneerBinary.root.appendingPathComponent("Rules/r3.rules"), encoding: .utf8)
    let deep = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
    let rules = directory.appendingPathComponent("deep.rules")
    try Data((r3 + "\ndefine deep \"深い\" = \(deep)\n").utf8).write(to: rules)
    let result = try PioneerBinary.run(["screen", "Samples/applicants.csv", "--rules", rules.path])
    #expect(result.status == 1)
    #expect(result.error.hasPrefix(rules.path + ":"))
    #expect(result.error.contains("nested more than 200 levels deep"))
    #expect(result.output.isEmpty)
  }

  @Test func fiveMegabyteFieldIsReadAndReported() throws {
    let name = String(repeating: "株", count: 5 << 20 / 3)
    let text = Self.header + "\n" + Self.row.replacingOccurrences(of: "株式会社テスト", with: name)
    let json = try Self.report(Self.screen(text + "\n"))
    let applicants = json["applicants"] as? [[String: Any]] ?? []
    #expect(applicants.count == 1)
    #expect((applicants.first?["name"] as? String)?.count == name.count)
  }

  @Test func nulBytesInCellsAreRowErrors() throws {
    let row = "A-1,株式会社\u{0}テスト,株式会社,39,3億円,10\u{0},10,5,5,4,本則,\u{0},なし,はい,2021-09-01"
    let json = try Self.report(Self.screen(Self.header + "\n" + row + "\n"))
    let errors = Self.errors(json).first ?? []
    #expect(errors.count == 2)
    #expect(errors.first?.hasPrefix("total employees") == true)
  }

  @Test func nulBytesInTheHeaderRejectTheFile() throws {
    let header = Self.header.replacingOccurrences(of: "応募ID", with: "応募\u{0}ID")
    Self.expectRejected(
      try Self.screen(header + "\n" + Self.row + "\n"), saying: "lacks the required column")
  }

  @Test(arguments: [[0xE5], [0xE5, 0xBF], [0xF0, 0x9F, 0x98], [0xFF]] as [[UInt8]])
  func invalidOrTruncatedUTF8AtTheEndIsRejectedWithItsOffset(ending: [UInt8]) throws {
    let bytes = Array((Self.header + "\n" + Self.row + "\n").utf8) + ending
    Self.expectRejected(
      try Self.screen(bytes, ["--encoding", "utf-8"]),
      saying: "offset \(bytes.count - ending.count) are not valid UTF-8")
    try Self.expectNothingWritten(bytes, ["--encoding", "utf-8"])
    // Detected, the file is not UTF-8, so it is read as CP932 and its header is mojibake.
    let detected = try Self.screen(bytes)
    #expect(detected.result.status == 1)
    #expect(detected.result.error.hasPrefix(detected.path + ": "))
  }

  @Test(arguments: [[0x82], [0x88, 0xA0, 0x82]] as [[UInt8]])
  func cp932CutInsideACharacterAtTheEndIsRejectedWithItsOffset(ending: [UInt8]) throws {
    let sample = try Data(
      contentsOf: PioneerBinary.root.appendingPathComponent("Samples/applicants-cp932.csv"))
    let bytes = Array(sample) + ending
    for extra in [[], ["--encoding", "cp932"]] {
      Self.expectRejected(
        try Self.screen(bytes, extra),
        saying: "offset \(bytes.count - 1) are not a Shift_JIS (CP932) character")
      try Self.expectNothingWritten(bytes, extra)
    }
  }

  @Test func headerOnlyFileHasNoRowsAndExitsZero() throws {
    for text in [Self.header, Self.header + "\n", Self.header + "\r\n"] {
      let json = try Self.report(Self.screen(text))
      #expect((json["applicants"] as? [Any])?.isEmpty == true)
    }
  }

  @Test func headerOnlyFileWithBOMHasNoRowsAndExitsZero() throws {
    let json = try Self.report(
      Self.screen([0xEF, 0xBB, 0xBF] + Array((Self.header + "\r\n").utf8)))
    #expect((json["applicants"] as? [Any])?.isEmpty == true)
  }

  @Test(arguments: [[], [0xEF, 0xBB, 0xBF]] as [[UInt8]])
  func emptyFileIsRejectedNamingTheFile(bytes: [UInt8]) throws {
    Self.expectRejected(try Self.screen(bytes), saying: "the file is empty")
  }

  @Test func crOnlyLineEndsAreRead() throws {
    let second = Self.row.replacingOccurrences(of: "A-1", with: "A-2")
    let json = try Self.report(
      Self.screen([Self.header, Self.row, second].joined(separator: "\r")))
    let applicants = json["applicants"] as? [[String: Any]] ?? []
    #expect(applicants.map { $0["id"] as? String } == ["A-1", "A-2"])
    #expect(applicants.map { $0["line"] as? Int } == [2, 3])
    #expect(applicants.allSatisfy { ($0["errors"] as? [String] ?? []).isEmpty })
  }
}
