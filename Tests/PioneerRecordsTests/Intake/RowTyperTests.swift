import PioneerRules
import Testing

@testable import PioneerRecords

/// Typing rows a batch at a time (`RowTyper`), with repeated ids found afterwards in input
/// order (`DuplicateIDCheck`), must give exactly the rows `ApplicantReader.next()` gives.
@Suite struct RowTyperTests {
  /// The random files of `ApplicantPropertyTests`: bad and missing cells, blank records,
  /// repeated and empty ids, short, long and padded rows, quoted line breaks.
  @Test(arguments: [1, 2, 7, 2048] as [Int])
  func batchedRowsAreTheRowByRowReadersRows(batchSize: Int) throws {
    for seed in 1...4 as ClosedRange<UInt64> {
      let text = ApplicantPropertyTests.file(seed: seed, rows: 600).text
      for scan in [false, true] {
        var options = ReaderOptions()
        options.idScanMinimumBytes = scan ? 0 : .max
        for chunkSize in [3, 4096] {
          let bytes = Array(text.utf8)
          let (expected, reader) = try applicantRows(
            bytes, chunkSize: chunkSize, options: options)
          let batched = try batchedApplicantRows(
            bytes, batchSize: batchSize, chunkSize: chunkSize, options: options)
          #expect(batched.rows == expected, "seed \(seed), scan \(scan), chunks of \(chunkSize)")
          #expect(batched.skippedBlank == reader.skippedBlankRecords)
        }
      }
    }
  }

  @Test func aBatchOfBlankRecordsGivesNoRowsAndCountsThem() throws {
    let text = "応募ID,企業・団体名\n\n,\n \u{3000},\t\nA1,一\n"
    let (rows, skippedBlank) = try batchedApplicantRows(Array(text.utf8), batchSize: 3)
    #expect(rows.map(\.line) == [5])
    #expect(skippedBlank == 3)
  }
}
