import PioneerRecords
import PioneerRules
import Testing

@testable import PioneerScreening

/// A batch is typed and screened a chunk of valid rows at a time; wherever its invalid rows
/// fall against those chunks, every row must be screened as it is on its own, in its place.
@Suite struct ScreenedBatchTests {
  static let width = RuleSetScreener(ruleSet: Fixtures.ruleSet, asOf: nil).chunkWidth

  /// Batches by their row count and the rows the intake finds invalid (an empty name) and
  /// those that break a consistency check: at the first and last row of a chunk, just after
  /// a chunk is topped up, a whole chunk invalid, every row invalid, a batch shorter than a
  /// chunk.
  static var layouts: [(rows: Int, invalid: Set<Int>, inconsistent: Set<Int>)] {
    let w = width
    return [
      (10, [0, 4, 9], [5]),
      (1, [0], []),
      (w - 1, [w - 2], [0]),
      (w, [0, w - 1], []),
      (w + 1, [w], [w - 1]),
      (2 * w + 3, [0, w - 1, w, w + 1, 2 * w + 2], [w + 2, 2 * w]),
      (4 * w + 5, Set(w..<2 * w).union([0, 3 * w, 4 * w + 4]), [2 * w, 2 * w + 1]),
      (3 * w, Set(0..<w).union(2 * w - 1..<3 * w), [w]),
      (2 * w, Set(0..<2 * w), []),
    ]
  }

  /// A file of `rows` applicants with those rows spoilt.
  static func file(rows: Int, invalid: Set<Int>, inconsistent: Set<Int>) -> [UInt8] {
    let lines = FastAndExplainingPathsTests.randomFile(rows: rows, seed: UInt64(rows))
      .split(separator: "\n").map(String.init)
    var out = [lines[0]]
    for (index, line) in lines.dropFirst().enumerated() {
      // Unquoted, this capital would be two cells, and the row invalid where it falls.
      var cells = line.replacing("5,000万円", with: "5000万円").split(
        separator: ",", omittingEmptySubsequences: false
      ).map(String.init)
      if invalid.contains(index) { cells[1] = "" }
      // More teleworkers than staff.
      if inconsistent.contains(index) { (cells[7], cells[8]) = ("1", "100000") }
      out.append(cells.joined(separator: ","))
    }
    return Array((out.joined(separator: "\n") + "\n").utf8)
  }

  @Test(arguments: layouts.indices)
  func invalidRowsAtChunkBoundariesAreScreenedAsRowByRow(layout: Int) throws {
    let (count, invalid, inconsistent) = Self.layouts[layout]
    let bytes = Self.file(rows: count, invalid: invalid, inconsistent: inconsistent)
    let ruleSet = Fixtures.ruleSet
    let screener = Screener(ruleSet: ruleSet, asOf: nil)
    let schema = ruleSet.schema

    let reader = try ApplicantReader(source: MemorySource(bytes), path: "t.csv", schema: schema)
    var expected: [ScreenerPipelineTests.Seen] = []
    while let row = try reader.next() { expected.append(.init(screener.screen(row))) }

    let batchReader = try ApplicantReader(
      source: MemorySource(bytes), path: "t.csv", schema: schema)
    let typer = batchReader.makeRowTyper()
    let records = RawRecordBatch(capacity: count)
    #expect(try batchReader.readRecords(into: records))
    #expect(records.count == count)
    var engine = RuleSetScreener(ruleSet: ruleSet, asOf: nil)
    let tally = ScreeningSummary.Tally(ruleSet)
    let batch = ScreenedBatch(records, typer: typer, engine: &engine, counting: tally)
    let seen = (0..<batch.count).map { ScreenerPipelineTests.Seen(batch.applicant(at: $0)) }

    #expect(batch.verdicts.count == count)
    #expect(seen.count == expected.count)
    let first = zip(seen, expected).enumerated().first { $1.0 != $1.1 }
    #expect(first == nil, "layout \(layout): \(String(describing: first))")
    // The file has what the test is about: the intake finds just those rows invalid, so the
    // chunks fall as the layout means them to; the others may break a check too.
    let unreadable = expected.indices.filter {
      expected[$0].problems.contains { if case .unreadable = $0 { true } else { false } }
    }
    #expect(Set(unreadable) == invalid)
    #expect(inconsistent.allSatisfy { expected[$0].verdict == nil && !invalid.contains($0) })

    // Counted as when the batch is typed whole, then screened.
    let whole = typer.makeRows(capacity: count)
    _ = typer.type(records, into: whole)
    let counts = ScreenedBatch(whole, engine: &engine, counting: tally).counts
    #expect(batch.counts.rows == counts.rows)
    #expect(batch.counts.evaluated == counts.evaluated)
    #expect(batch.counts.invalid == counts.invalid)
    #expect(batch.counts.outcomeCounts == counts.outcomeCounts)
    #expect(batch.counts.failedCounts == counts.failedCounts)
    #expect(batch.counts.unknownCounts == counts.unknownCounts)
    #expect(batch.counts.reportedCounts == counts.reportedCounts)
  }
}
