import PioneerRules
import Testing

@testable import PioneerRecords

@Suite struct FileErrorMessageTests {
  @Test func messagesNameThePathLineAndColumnInBothLanguages() {
    let error = FileError(path: "a.csv", problem: .unterminatedQuote(line: 12, column: 3))
    #expect(
      error.message(.en)
        == "a.csv: line 12, column 3: the quote (\") opened here is never closed before the end of the file"
    )
    #expect(error.message(.ja) == "a.csv: 12行目 3列目: ここで始まる引用符 (\") がファイルの終わりまで閉じられていません")
  }

  @Test func standardInputIsNamedWhenThereIsNoPath() {
    let error = FileError(path: nil, problem: .emptyFile)
    #expect(error.message(.en) == "standard input: the file is empty (no header row)")
    #expect(error.message(.ja) == "標準入力: ファイルが空です (見出し行がありません)")
  }

  @Test func undecodableBytesNameTheOffsetAndSuggestCP932() {
    let error = FileError(path: "a.csv", problem: .invalidUTF8(offset: 1234))
    #expect(error.message(.en).contains("offset 1234"))
    #expect(error.message(.en).contains("--encoding cp932"))
    #expect(error.message(.ja).contains("バイト位置 1234"))
    #expect(error.message(.ja).contains("--encoding cp932"))
    let cp932 = FileError(path: "a.csv", problem: .invalidCP932(offset: 7))
    #expect(
      cp932.message(.en) == "a.csv: the bytes at offset 7 are not a Shift_JIS (CP932) character")
  }

  @Test func aMissingColumnMessageListsTheColumnsFound() {
    let error = FileError(
      path: "a.csv",
      problem: .missingColumns(
        missing: [Label(ja: "応募ID", en: "applicant id")], found: ["企業・団体名", "備考"]))
    #expect(
      error.message(.en)
        == "a.csv: line 1: the header lacks the required column(s) 応募ID (applicant id); columns found: 企業・団体名, 備考"
    )
    #expect(error.message(.ja).contains("見つかった列: 企業・団体名, 備考"))
  }

  @Test func aDuplicateColumnMessageNamesBothPositions() {
    let error = FileError(
      path: "a.csv",
      problem: .duplicateColumn(
        column: Label(ja: "資本金", en: "capital"), firstPosition: 3, secondPosition: 5))
    #expect(
      error.message(.en).hasPrefix("a.csv: line 1, column 5: the column \"capital\" appears twice"))
    #expect(error.message(.ja).contains("列「資本金」が見出しの 3 列目と 5 列目"))
  }
}

@Suite struct RowErrorMessageTests {
  @Test func rowReasonsAreWordedInBothLanguages() {
    let id = Label(ja: "応募ID", en: "applicant id")
    #expect(RowError.missingID(column: id).message(.ja) == "応募IDが空です")
    #expect(RowError.missingID(column: id).message(.en) == "applicant id is empty")
    #expect(
      RowError.duplicateID(id: "A1", firstLine: 2).message(.en)
        == "the applicant id \"A1\" repeats the one on line 2")
    #expect(RowError.duplicateID(id: "A1", firstLine: 2).message(.ja) == "応募ID「A1」は 2 行目と重複しています")
    #expect(
      RowError.fieldCount(expected: 15, found: 14).message(.en)
        == "the row has 14 fields but the header has 15")
  }

  @Test func aCellReasonUsesTheCellErrorsMessage() throws {
    guard case .failure(let error) = cell("abc", "teleworkers") else {
      Issue.record("abc read as a count")
      return
    }
    #expect(RowError.cell(error).message(.en) == error.message(.en))
  }
}
