import PioneerRules
import Testing

@testable import PioneerRecords

@Suite struct ApplicantReaderTests {
  private let header = TestSchema.header
  private let fullRow =
    "A1,テスト株式会社,株式会社,39,3億円,\"1,200人\",1000,400,250,6.5,就業規則本則,あり,なし,はい,令和3年9月1日"

  @Test func aCompleteRowBecomesATypedRecord() throws {
    let (rows, reader) = try applicantRows(header + "\n" + fullRow + "\n")
    let record = try #require(rows.first?.record)
    #expect(rows.count == 1)
    #expect(record.line == 2)
    #expect(
      record.values == [
        .text("A1"), .text("テスト株式会社"), .member(0),
        .code(IndustryCode(text: "39", path: ["39", "G"])), number(300_000_000),
        number(1200), number(1000), number(400), number(250), number(13, 2), .member(0),
        .boolean(true), Value.none, .boolean(true), date(2021, 9, 1),
      ])
    #expect(reader.skippedBlankRecords == 0)
    #expect(reader.layout.unknownColumns.isEmpty)
  }

  @Test func aHeaderOnlyFileHasNoRows() throws {
    let (rows, _) = try applicantRows(header + "\r\n")
    #expect(rows.isEmpty)
  }

  @Test func anEmptyFileIsRejected() {
    #expect(throws: FileError(path: "test.csv", problem: .emptyFile)) {
      _ = try applicantRows("")
    }
  }

  @Test func utf8WithBOMAndCRLFIsRead() throws {
    let text = header + "\r\n" + fullRow + "\r\n"
    let (rows, reader) = try applicantRows([0xEF, 0xBB, 0xBF] + Array(text.utf8))
    #expect(rows.count == 1)
    #expect(rows.first?.record?.values.first == .text("A1"))
    #expect(reader.encoding.reason == .byteOrderMark)
  }

  @Test func aCP932FileIsReadWithItsExtensions() throws {
    let (rows, reader) = try applicantRows(encodingSampleCP932)
    #expect(reader.encoding.encoding == .cp932)
    // NFKC, as for every cell (spec §3.1), turns ① and ㈱ into 1 and (株).
    #expect(rows.first?.record?.values[1] == .text("1(株)髙"))
  }

  @Test(arguments: [false, true])
  func utf16FilesWithBOMAreRead(bigEndian: Bool) throws {
    let bytes = utf16Bytes(header + "\r\n" + fullRow + "\r\n", bigEndian: bigEndian)
    let (rows, _) = try applicantRows(bytes, chunkSize: 7)
    #expect(rows.first?.record?.values[1] == .text("テスト株式会社"))
  }

  @Test func blankRecordsAreSkippedAndCounted() throws {
    let text = "応募ID,企業・団体名,備考\n\nA1,一,\n,,\n \u{3000},\t,\n\"\",,\nA2,二,\n,,\n"
    let (rows, reader) = try applicantRows(text)
    #expect(rows.map(\.line) == [3, 7])
    #expect(rows.allSatisfy { $0.record != nil })
    #expect(reader.skippedBlankRecords == 5)
    #expect(reader.layout.unknownColumns == ["備考"])
  }

  @Test func emptyIdOrNameMakesTheRowInvalid() throws {
    let text = "応募ID,企業・団体名\n,名前\nA2,\n"
    let (rows, _) = try applicantRows(text)
    #expect(
      rows == [
        .invalid(
          line: 2, id: nil, name: "名前",
          errors: [.missingID(column: Label(ja: "応募ID", en: "applicant id"))]),
        .invalid(
          line: 3, id: "A2", name: nil,
          errors: [.missingName(column: Label(ja: "企業・団体名", en: "organisation name"))]),
      ])
  }

  @Test func aRepeatedIdInvalidatesTheLaterRowsNamingTheFirstLine() throws {
    let text = "応募ID,企業・団体名\nA1,一\nA2,二\n\"A1\",三\n Ａ１ ,四\n"
    let (rows, _) = try applicantRows(text)
    #expect(rows[0].record != nil)
    #expect(rows[1].record != nil)
    #expect(rows[2].errors == [.duplicateID(id: "A1", firstLine: 2)])
    #expect(rows[3].errors == [.duplicateID(id: "A1", firstLine: 2)])
  }

  @Test func aHalfWidthVoicedKanaIdRepeatsItsFullWidthForm() throws {
    // NFKC makes ｶﾞ-1 the same id as ガ-1 (U+30AC), and explain finds it by either.
    let text = "応募ID,企業・団体名\nｶﾞ-1,一\nガ-1,二\n"
    let (rows, _) = try applicantRows(text)
    #expect(rows[0].record != nil)
    #expect(rows[1].errors == [.duplicateID(id: "ガ-1", firstLine: 2)])
    let reader = try ApplicantReader(
      source: MemorySource(text), path: "t.csv", schema: TestSchema.schema)
    #expect(try reader.firstRow(withID: "ガ-1")?.line == 2)
  }

  @Test func anIdFirstSeenOnAnInvalidRowStillCountsAsSeen() throws {
    let text = "応募ID,企業・団体名,総従業員数\nA1,一,abc\nA1,二,5\n"
    let (rows, _) = try applicantRows(text)
    #expect(rows[1].errors == [.duplicateID(id: "A1", firstLine: 2)])
  }

  @Test func aDifferentFieldCountMakesTheRowInvalidButExtraEmptyFieldsDoNot() throws {
    let text = "応募ID,企業・団体名,総従業員数\nA1,一\nA2,二,3,4\nA3,三,3,,\u{3000}\nA4,四,5\n"
    let (rows, _) = try applicantRows(text)
    #expect(rows[0].errors == [.fieldCount(expected: 3, found: 2)])
    #expect(rows[1].errors == [.fieldCount(expected: 3, found: 4)])
    #expect(rows[2].record?.values[5] == number(3))
    #expect(rows[3].record != nil)
  }

  @Test func everyReasonOfAnInvalidRowIsReportedInColumnOrder() throws {
    let text = header + "\n" + ",名,合弁,Z,1.5億,12.5,-3,abc,5,3.99,なし,maybe,2021-02-30,はい,平成31年5月1日\n"
    let (rows, _) = try applicantRows(text)
    guard case .invalid(let line, let id, let name, let errors) = rows[0] else {
      Issue.record("row is valid")
      return
    }
    #expect(line == 2)
    #expect(id == nil)
    #expect(name == "名")
    #expect(errors.count == 10)
    #expect(errors.first == .missingID(column: Label(ja: "応募ID", en: "applicant id")))
    let columns = errors.dropFirst().compactMap { error -> String? in
      if case .cell(let cell) = error { return cell.column.ja }
      return nil
    }
    #expect(
      columns == [
        "組織種別", "産業分類コード", "資本金", "総従業員数", "常時雇用する人数", "テレワーク対象従業員数",
        "長時間労働防止対策", "重大な法令違反日", "応募日",
      ])
  }

  @Test func columnsAbsentFromTheHeaderAreMissingOnEveryRow() throws {
    let (rows, _) = try applicantRows("企業・団体名,応募ID,総従業員数\n一,A1,7\n")
    let record = try #require(rows.first?.record)
    #expect(record.values[0] == .text("A1"))
    #expect(record.values[5] == number(7))
    #expect(
      record.values.enumerated().filter { $0.element.isMissing }.map(\.offset) == [
        2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14,
      ])
  }

  @Test func rowsKeepInputOrderAndLinesAcrossMultiLineNames() throws {
    let text = "応募ID,企業・団体名\nA1,\"株式会社\n改行\"\nA2,二\n\nA3,\"三\r\n\r\n\"\n"
    let (rows, _) = try applicantRows(text, chunkSize: 1)
    #expect(rows.map(\.line) == [2, 4, 6])
    #expect(rows[0].record?.values[1] == .text("株式会社\n改行"))
  }

  @Test func aQuoteLeftOpenRejectsTheFileNamingPathLineAndColumn() throws {
    let text = "応募ID,企業・団体名\nA1,一\nA2,\"二\n"
    let error = try #require(throws: FileError.self) { _ = try applicantRows(text) }
    #expect(error == FileError(path: "test.csv", problem: .unterminatedQuote(line: 3, column: 2)))
    #expect(error.message(.en).hasPrefix("test.csv: line 3, column 2: "))
    #expect(error.message(.ja).hasPrefix("test.csv: 3行目 2列目: "))
  }

  @Test func aHeaderWithoutRequiredColumnsRejectsTheFileWithPath() throws {
    let error = try #require(throws: FileError.self) { _ = try applicantRows("id,name2\n1,2\n") }
    #expect(error.path == "test.csv")
    #expect(error.message(.en).contains("columns found: id, name2"))
  }

  @Test func aFileOnDiskIsReadByPathAndATSVPathUsesTabs() throws {
    let file = try TemporaryFile(Array("応募ID\t企業・団体名\nA1\t一, 二\n".utf8), suffix: ".tsv")
    defer { file.remove() }
    let reader = try ApplicantReader(path: file.path, schema: TestSchema.schema)
    let row = try reader.next()
    #expect(row?.record?.values[1] == .text("一, 二"))
    #expect(try reader.next() == nil)
  }

  @Test func aMissingFileIsAFileError() {
    #expect(throws: FileError.self) {
      _ = try ApplicantReader(path: "/nonexistent/applicants.csv", schema: TestSchema.schema)
    }
  }
}
