import Foundation
import PioneerRecords
import PioneerRules
import PioneerTestSupport
import Testing

@testable import PioneerScreening

/// The two-thread pipeline (records split on one thread, typed and screened on either,
/// repeated ids found in input order) must give every applicant exactly as reading the file
/// row by row and screening each row does, whatever the batch size.
@Suite struct ScreenerPipelineTests {
  /// What a test compares of an applicant: everything.
  struct Seen: Hashable {
    var line: Int
    var id: String
    var name: String
    var verdict: Verdict?
    var record: Record?
    var problems: [RowProblem]

    init(_ applicant: ScreenedApplicant) {
      line = applicant.line
      id = applicant.id
      name = applicant.name
      verdict = applicant.verdict
      record = applicant.record
      problems = applicant.problems
    }
  }

  /// A random file of the 令和3年度 columns spoilt at random: blank records, ids repeated
  /// (of valid and of invalid rows, near and far), bad cells, inconsistent counts, empty
  /// names and ids, short, long and padded rows.
  static func spoiltFile(rows: Int, seed: UInt64) -> String {
    var random = SplitMix64(seed: seed)
    func chance(_ perMille: UInt64) -> Bool { random.next() % 1000 < perMille }
    func pick<T>(_ options: [T]) -> T { options[Int(random.next() % UInt64(options.count))] }
    let lines = FastAndExplainingPathsTests.randomFile(rows: rows, seed: seed)
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var out = [lines[0]]
    var ids: [String] = []
    for line in lines.dropFirst() where !line.isEmpty {
      if chance(40) { out.append(pick(["", ",,,", " ,\u{3000},", "\"\","])) }
      var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      if chance(60), !ids.isEmpty { cells[0] = pick([pick(ids), ids[ids.count - 1]]) }
      if chance(30) { cells[5] = pick(["abc", "-3", "1.5"]) }
      if chance(40) { cells[8] = "100000" }  // more teleworkers than staff: inconsistent
      if chance(20) { cells[1] = "" }
      if chance(15) { cells[0] = "" }
      if chance(20) {
        cells.removeLast()
      } else if chance(20) {
        cells.append("extra")
      } else if chance(20) {
        cells += ["", " "]
      }
      ids.append(cells[0])
      out.append(cells.joined(separator: ","))
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// Every applicant of `path` read row by row and screened one at a time, and the blank
  /// records skipped.
  static func rowByRow(_ screener: Screener, path: String, options: ReaderOptions) throws
    -> ([Seen], Int)
  {
    let (reader, _) = try screener.open(path, options: options)
    var seen: [Seen] = []
    while let row = try reader.next() { seen.append(Seen(screener.screen(row))) }
    return (seen, reader.skippedBlankRecords)
  }

  static func pipelined(
    _ screener: Screener, path: String, options: ReaderOptions, batchSize: Int
  ) throws -> ([Seen], ScreeningSummary) {
    var seen: [Seen] = []
    let summary = try screener.screen(
      path: path, options: options, batchSize: batchSize, onStart: {},
      { seen.append(Seen($0)) })
    return (seen, summary)
  }

  static func temporaryFile(_ text: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("pioneer-pipeline-\(UUID().uuidString).csv")
    try Data(text.utf8).write(to: url)
    return url
  }

  @Test(arguments: [1, 2, 7, 2048] as [Int])
  func pipelinedApplicantsAreTheRowByRowApplicants(batchSize: Int) throws {
    let screener = Screener(ruleSet: Fixtures.ruleSet, asOf: nil)
    for seed in [11, 12] as [UInt64] {
      let url = try Self.temporaryFile(
        Self.spoiltFile(rows: batchSize == 1 ? 800 : 3_000, seed: seed))
      defer { try? FileManager.default.removeItem(at: url) }
      for scan in [false, true] {
        var options = ReaderOptions()
        options.idScanMinimumBytes = scan ? 0 : .max
        let (expected, blanks) = try Self.rowByRow(screener, path: url.path, options: options)
        let (seen, summary) = try Self.pipelined(
          screener, path: url.path, options: options, batchSize: batchSize)
        #expect(seen.count == expected.count)
        let first = zip(seen, expected).first { $0 != $1 }
        #expect(first == nil, "seed \(seed), scan \(scan): \(String(describing: first))")
        #expect(summary.rows == expected.count)
        #expect(summary.skippedBlank == blanks)
        // The file has what the test is about.
        let duplicates = expected.filter {
          $0.problems.contains { if case .unreadable(.duplicateID) = $0 { true } else { false } }
        }
        #expect(duplicates.count > 20)
        #expect(duplicates.contains { $0.problems.count > 1 })
        #expect(blanks > 20)
      }
    }
  }

  /// What a summary counts, to compare two.
  /// r3 with a check that reads the name, so that the name must reach the evaluator.
  static let ruleSetReadingName: RuleSet? = {
    let rules = (try? String(contentsOfFile: Fixtures.path("Rules/r3.rules"), encoding: .utf8))
    return rules.flatMap {
      try? RuleSet.load(
        text: $0 + "\ncheck name_not_reserved \"予約された名称\" en \"reserved name\"\n"
          + "  = name != \"NG社\"\n",
        name: "named.rules")
    }
  }()

  @Test func aRuleSetThatReadsTheNameIsEvaluatedWithIt() throws {
    let ruleSet = try #require(Self.ruleSetReadingName)
    let nameSlot = try #require(ruleSet.schema.input(role: .name)?.slot)
    let idSlot = try #require(ruleSet.schema.input(role: .id)?.slot)
    #expect(ruleSet.readsInput(slot: nameSlot) && !ruleSet.readsInput(slot: idSlot))
    let screener = Screener(ruleSet: ruleSet, asOf: nil)
    // Names that read as the reserved one only once normalised and trimmed, and others.
    let names = ["ＮＧ社", "\u{3000}NG社 ", "NG社", "OK社", "NG社２"]
    var lines = Self.spoiltFile(rows: 600, seed: 5).split(separator: "\n").map(String.init)
    for index in 1..<lines.count {
      var cells = lines[index].split(separator: ",", omittingEmptySubsequences: false)
      guard cells.count > 1, !cells[1].isEmpty else { continue }
      cells[1] = Substring(names[index % names.count])
      lines[index] = cells.joined(separator: ",")
    }
    let url = try Self.temporaryFile(lines.joined(separator: "\n") + "\n")
    defer { try? FileManager.default.removeItem(at: url) }
    let (expected, _) = try Self.rowByRow(screener, path: url.path, options: ReaderOptions())
    let (seen, _) = try Self.pipelined(
      screener, path: url.path, options: ReaderOptions(), batchSize: 64)
    #expect(seen == expected)
    let reserved = seen.filter {
      $0.problems.contains {
        if case .inconsistent("name_not_reserved", _) = $0 { true } else { false }
      }
    }
    #expect(reserved.count > 50)
    #expect(reserved.allSatisfy { $0.name == "NG社" })
    #expect(seen.contains { $0.name == "OK社" && $0.verdict != nil })
  }

  @Test func anApplicantsIdAndNameBytesAreThoseOfItsStrings() throws {
    let url = try Self.temporaryFile(Self.spoiltFile(rows: 400, seed: 9))
    defer { try? FileManager.default.removeItem(at: url) }
    var applicants: [ScreenedApplicant] = []
    _ = try Screener(ruleSet: Fixtures.ruleSet, asOf: nil).screen(path: url.path) {
      applicants.append($0)
    }
    #expect(applicants.contains { $0.record != nil } && applicants.contains { $0.record == nil })
    #expect(applicants.contains { $0.id.isEmpty } && applicants.contains { $0.name.isEmpty })
    for applicant in applicants {
      let (id, name) = applicant.withIDAndName { (Array($0), Array($1)) }
      #expect(id == Array(applicant.id.utf8) && name == Array(applicant.name.utf8))
    }
  }

  static func counts(_ summary: ScreeningSummary) -> [String: [String: Int]] {
    var counts = summary.reportedCounts
    counts["outcomes"] = summary.outcomeCounts
    counts["failed"] = summary.failedCounts
    counts["unknown"] = summary.unknownCounts
    counts["rows"] = [
      "rows": summary.rows, "evaluated": summary.evaluated, "invalid": summary.invalid,
    ]
    return counts
  }

  @Test(arguments: [1, 2, 7, 2048] as [Int])
  func batchCountsCorrectedForRepeatsAreTheApplicantsCounts(batchSize: Int) throws {
    // Each batch is counted as screened, and a row whose id repeats one in an earlier batch
    // or earlier in its own is taken back and counted again as invalid: the summary must be
    // the one counted applicant by applicant.
    let screener = Screener(ruleSet: Fixtures.ruleSet, asOf: nil)
    let tally = ScreeningSummary.Tally(Fixtures.ruleSet)
    let url = try Self.temporaryFile(Self.spoiltFile(rows: 2_000, seed: 14))
    defer { try? FileManager.default.removeItem(at: url) }
    for scan in [false, true] {
      var options = ReaderOptions()
      options.idScanMinimumBytes = scan ? 0 : .max
      var expected = ScreeningSummary()
      var repeats = 0
      let summary = try screener.screen(
        path: url.path, options: options, batchSize: batchSize, onStart: {},
        { applicant in
          expected.add(applicant, tally: tally)
          if applicant.problems.contains(where: {
            if case .unreadable(.duplicateID) = $0 { true } else { false }
          }) {
            repeats += 1
          }
        })
      #expect(repeats > 20)
      #expect(summary.evaluated > 0 && summary.invalid > repeats)
      #expect(Self.counts(summary) == Self.counts(expected), "scan \(scan)")
    }
  }

  @Test func takingAnApplicantBackUndoesAddingIt() throws {
    let url = try Self.temporaryFile(Self.spoiltFile(rows: 300, seed: 15))
    defer { try? FileManager.default.removeItem(at: url) }
    let tally = ScreeningSummary.Tally(Fixtures.ruleSet)
    var applicants: [ScreenedApplicant] = []
    let all = try Screener(ruleSet: Fixtures.ruleSet, asOf: nil).screen(path: url.path) {
      applicants.append($0)
    }
    var summary = ScreeningSummary()
    for applicant in applicants { summary.add(applicant, tally: tally) }
    #expect(Self.counts(summary) == Self.counts(all))
    for applicant in applicants.dropFirst(100) { summary.remove(applicant, tally: tally) }
    var first = ScreeningSummary()
    for applicant in applicants.prefix(100) { first.add(applicant, tally: tally) }
    #expect(Self.counts(summary) == Self.counts(first))
  }

  @Test func aRepeatedIdOnAnInconsistentRowLeavesOnlyTheRepeat() throws {
    let lines = FastAndExplainingPathsTests.randomFile(rows: 2, seed: 5).split(separator: "\n")
    var second = lines[2].split(separator: ",", omittingEmptySubsequences: false)
    second[7] = "1"
    second[8] = "5"  // more teleworkers than eligible staff: inconsistent
    let screener = Screener(ruleSet: Fixtures.ruleSet, asOf: nil)
    for id in ["R9", "R0"] {
      second[0] = id[...]
      let url = try Self.temporaryFile(
        [lines[0], lines[1], second.joined(separator: ",")[...]].joined(separator: "\n") + "\n")
      defer { try? FileManager.default.removeItem(at: url) }
      for batchSize in [1, 2] {
        let (seen, _) = try Self.pipelined(
          screener, path: url.path, options: ReaderOptions(), batchSize: batchSize)
        #expect(seen.count == 2)
        if id == "R0" {
          #expect(seen.last?.problems == [.unreadable(.duplicateID(id: "R0", firstLine: 2))])
          #expect(seen.last?.verdict == nil && seen.last?.record == nil)
        } else {
          // The same row with an id of its own is evaluated and found inconsistent.
          #expect(seen.last?.problems.count == 1)
          #expect(seen.last?.record != nil)
        }
      }
    }
  }

  @Test func theVerdictsPartsReadInPlaceAreTheVerdicts() throws {
    // A report reads an applicant's outcome, criteria and reported values (or their codes) in
    // the batch, not through `verdict`: both must tell the same.
    let url = try Self.temporaryFile(Self.spoiltFile(rows: 3_000, seed: 13))
    defer { try? FileManager.default.removeItem(at: url) }
    let reportedCount = Fixtures.ruleSet.reported.count
    var kinds: Set<String> = []
    _ = try Screener(ruleSet: Fixtures.ruleSet, asOf: nil).screen(path: url.path) { applicant in
      let verdict = applicant.verdict
      #expect(applicant.isEvaluated == (verdict != nil))
      #expect(applicant.outcome == verdict?.outcome ?? .invalid)
      #expect(applicant.criteria == verdict?.criteria)
      #expect(
        (0..<reportedCount).map(applicant.reported)
          == (0..<reportedCount).map { verdict?.reported[$0] })
      #expect(applicant.reported(-1) == nil && applicant.reported(reportedCount) == nil)
      // The codes worked out with the batch are the verdict's, and every verdict has them.
      #expect(
        applicant.codes
          == verdict.flatMap {
            VerdictCodes(outcome: $0.outcome, criteria: $0.criteria, reported: $0.reported)
          })
      #expect((applicant.codes != nil) == (verdict != nil))
      let unreadable = applicant.problems.contains {
        if case .unreadable = $0 { true } else { false }
      }
      #expect((applicant.record == nil) == unreadable)
      kinds.insert(verdict != nil ? "evaluated" : unreadable ? "unreadable" : "inconsistent")
    }
    #expect(kinds == ["evaluated", "unreadable", "inconsistent"])
  }
}
