import Testing

@testable import PioneerRecords
@testable import PioneerRules

/// Typing rows a batch at a time (`RowTyper`), with repeated ids found afterwards in input
/// order (`DuplicateIDCheck`), must give exactly the rows `ApplicantReader.next()` gives.
@Suite struct RowTyperTests {
  /// The random files of `ApplicantPropertyTests`: bad and missing cells, blank records,
  /// repeated and empty ids, short, long and padded rows, quoted line breaks.
  /// The id and name slots: typed into bytes only when no rule reads them.
  static let idAndName: Set<Int> = [
    TestSchema.input("applicant_id").slot, TestSchema.input("name").slot,
  ]

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
          for inputsNotRead in [[], Self.idAndName] {
            let batched = try batchedApplicantRows(
              bytes, batchSize: batchSize, chunkSize: chunkSize, options: options,
              inputsNotRead: inputsNotRead)
            #expect(
              batched.rows == expected,
              "seed \(seed), scan \(scan), chunks of \(chunkSize), not read \(inputsNotRead)")
            #expect(batched.skippedBlank == reader.skippedBlankRecords)
          }
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

  /// Rows typed with the id and name not read by any rule: each cell's text as the String a
  /// rule would see, trimmed and NFKC-normalised, is in the rows' bytes.
  static let textCells: [(id: String, name: String, expectedID: String?, expectedName: String?)] = [
    ("R1", "テスト企業1", "R1", "テスト企業1"),
    ("R2", "", "R2", nil),  // empty name: none, and the row invalid
    ("R3", "ＡＢＣ株式会社", "R3", "ABC株式会社"),  // full-width letters, normalised
    ("R4", "\u{3000}テスト企業\u{3000} ", "R4", "テスト企業"),  // ideographic spaces trimmed
    ("申請-５", "名", "申請-5", "名"),  // a non-ASCII id, normalised
    ("R0123456789012345678", "長い", "R0123456789012345678", "長い"),  // no small String
    ("", "無ID", nil, "無ID"),
    // Ids near the typer's short-ASCII fast path (1 to 16 plain ASCII bytes), in and out.
    (" R5", "名", "R5", "名"),  // a leading space: trimmed
    ("\tR6", "名", "R6", "名"),  // a leading tab
    ("R7\t", "名", "R7", "名"),  // a trailing tab
    ("R000000000008 ", "名", "R000000000008", "名"),  // a trailing space at byte 14
    ("R00000000000009 ", "名", "R00000000000009", "名"),  // at byte 16
    ("R８", "名", "R8", "名"),  // a full-width digit
    ("R00000000001２", "名", "R000000000012", "名"),  // one ending byte 16
    ("Ｒ0000000013", "名", "R0000000013", "名"),  // one starting byte 1
    ("R00000000000014", "名", "R00000000000014", "名"),  // 15 bytes
    ("R000000000000015", "名", "R000000000000015", "名"),  // 16
    ("R0000000000000016", "名", "R0000000000000016", "名"),  // 17
    ("A", "名", "A", "名"),  // one byte
    (" ", "空白ID", nil, "空白ID"),  // only a space: no id
    ("\u{3000}R17", "名", "R17", "名"),  // an ideographic space
  ]

  static func typedTextCells(inputsNotRead: Set<Int>) throws -> TypedRows {
    let lines = textCells.map { "\($0.id),\($0.name)" }
    let text = "応募ID,企業・団体名\n" + lines.joined(separator: "\n") + "\n"
    let reader = try ApplicantReader(
      source: MemorySource(Array(text.utf8)), path: "t.csv", schema: TestSchema.schema)
    let typer = reader.makeRowTyper(inputsNotRead: inputsNotRead)
    let batch = RawRecordBatch(capacity: textCells.count)
    _ = try reader.readRecords(into: batch)
    let rows = typer.makeRows(capacity: batch.count)
    _ = typer.type(batch, into: rows)
    return rows
  }

  @Test(arguments: [[], idAndName] as [Set<Int>])
  func idsAndNamesAreKeptAsTheirNormalisedBytes(inputsNotRead: Set<Int>) throws {
    let rows = try Self.typedTextCells(inputsNotRead: inputsNotRead)
    #expect(rows.count == Self.textCells.count)
    for (index, cells) in Self.textCells.enumerated() {
      let id = rows.idBytes(at: index).map { Array($0) }
      let name = rows.nameBytes(at: index).map { Array($0) }
      #expect(id == cells.expectedID.map { Array($0.utf8) }, "row \(index)")
      #expect(name == cells.expectedName.map { Array($0.utf8) }, "row \(index)")
      #expect(rows.id(at: index) == cells.expectedID && rows.name(at: index) == cells.expectedName)
      #expect(rows.isValid(index) == (cells.expectedID != nil && cells.expectedName != nil))
    }
  }

  @Test func aTextNoRuleReadsHasNoValueButItsRecordHasIt() throws {
    let rows = try Self.typedTextCells(inputsNotRead: Self.idAndName)
    let nameSlot = TestSchema.input("name").slot
    let idSlot = TestSchema.input("applicant_id").slot
    let index = 2  // ＡＢＣ株式会社
    // What the evaluator reads in place: no String was made.
    #expect(rows.records.values(ofRecord: index)?[nameSlot] == .missing)
    #expect(rows.records.values(ofRecord: index)?[idSlot] == .missing)
    // Every whole record, value and row still has the text.
    #expect(rows.records.record(at: index)?.values[nameSlot] == .text("ABC株式会社"))
    #expect(rows.records.value(record: index, slot: idSlot) == .text("R3"))
    #expect(!rows.records.isMissing(record: index, slot: nameSlot))
    #expect(rows.row(at: index)?.record?.values[nameSlot] == .text("ABC株式会社"))
    let kept = try Self.typedTextCells(inputsNotRead: [])
    #expect(kept.records.values(ofRecord: index)?[nameSlot] == .text("ABC株式会社"))
    for index in 0..<rows.count {
      #expect(rows.row(at: index) == kept.row(at: index))
    }
  }
}
