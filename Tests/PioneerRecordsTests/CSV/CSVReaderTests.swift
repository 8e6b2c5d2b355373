import Testing

@testable import PioneerRecords

@Suite struct CSVReaderTests {
  @Test func fieldsLinesAndOffsetsOfPlainRecords() throws {
    let records = try csvRecords("a,b,c\n1,2,3\n")
    #expect(
      records == [
        ReadRecord(line: 1, byteOffset: 0, fields: ["a", "b", "c"]),
        ReadRecord(line: 2, byteOffset: 6, fields: ["1", "2", "3"]),
      ])
  }

  @Test func aLastRecordWithoutLineBreakIsRead() throws {
    #expect(try csvRecords("a,b\n1,2").map(\.fields) == [["a", "b"], ["1", "2"]])
  }

  @Test func emptyInputHasNoRecords() throws {
    #expect(try csvRecords("").isEmpty)
  }

  @Test func emptyFieldsAndATrailingDelimiterAreFields() throws {
    #expect(try csvRecords(",a,,\n").map(\.fields) == [["", "a", "", ""]])
  }

  @Test func aDelimiterLastInTheTextEndsWithAnEmptyField() throws {
    // The field after it used to repeat the one before it.
    #expect(try csvRecords("a,b,c\n1,2,").map(\.fields) == [["a", "b", "c"], ["1", "2", ""]])
    #expect(try csvRecords("1,\"2\",").map(\.fields) == [["1", "2", ""]])
    for chunkSize in 1...4 {
      #expect(try csvRecords("x,", chunkSize: chunkSize).map(\.fields) == [["x", ""]])
    }
  }

  @Test func aBlankLineIsARecordOfOneEmptyField() throws {
    let records = try csvRecords("a\n\nb\n")
    #expect(records.map(\.fields) == [["a"], [""], ["b"]])
    #expect(records.map(\.line) == [1, 2, 3])
  }

  @Test func quotedFieldsHoldDelimitersAndDoubledQuotes() throws {
    let records = try csvRecords("\"a,b\",\"say \"\"hi\"\"\",\"\"\n")
    #expect(records.map(\.fields) == [["a,b", "say \"hi\"", ""]])
  }

  @Test func aQuotedNameSpanningLinesKeepsLaterLineNumbersRight() throws {
    let text = "応募ID,企業・団体名\nA1,\"株式会社\nテレワーク\r\n本社\"\nA2,次\n"
    let records = try csvRecords(text)
    #expect(
      records.map(\.fields) == [
        ["応募ID", "企業・団体名"], ["A1", "株式会社\nテレワーク\r\n本社"], ["A2", "次"],
      ])
    #expect(records.map(\.line) == [1, 2, 5])
  }

  @Test func crlfLfAndLoneCrEndRecordsAlike() throws {
    let lf = try csvRecords("a,b\n1,2\n3,4\n")
    let crlf = try csvRecords("a,b\r\n1,2\r\n3,4\r\n")
    let cr = try csvRecords("a,b\r1,2\r3,4\r")
    #expect(crlf.map(\.fields) == lf.map(\.fields))
    #expect(cr.map(\.fields) == lf.map(\.fields))
    #expect(crlf.map(\.line) == [1, 2, 3])
    #expect(cr.map(\.line) == [1, 2, 3])
    #expect(crlf.map(\.byteOffset) == [0, 5, 10])
  }

  @Test func aStrayQuoteInsideAnUnquotedFieldIsKeptLiterally() throws {
    #expect(try csvRecords("ab\"c,5\"\n").map(\.fields) == [["ab\"c", "5\""]])
  }

  @Test func textAfterAClosingQuoteIsAppendedLiterally() throws {
    #expect(try csvRecords("\"ab\"c,\"x\" y\n").map(\.fields) == [["abc", "x y"]])
  }

  @Test func aQuoteLeftOpenNamesTheLineAndColumnWhereItOpened() {
    let text = "a,b\n1,2\n3,\"open\n4,5\n"
    #expect(throws: FileProblem.unterminatedQuote(line: 3, column: 2)) {
      _ = try csvRecords(text)
    }
    #expect(throws: FileProblem.unterminatedQuote(line: 3, column: 2)) {
      _ = try csvRecords(text, chunkSize: 1)
    }
  }

  @Test func tabIsTheDelimiterOnRequest() throws {
    let records = try csvRecords(Array("a\tb,c\n\"x\ty\"\t2\n".utf8), delimiter: .tab)
    #expect(records.map(\.fields) == [["a", "b,c"], ["x\ty", "2"]])
  }

  @Test func tsvPathsImplyTabs() {
    #expect(FieldDelimiter(forPath: "applicants.TSV") == .tab)
    #expect(FieldDelimiter(forPath: "applicants.csv") == .comma)
  }

  @Test func aRecordLongerThanTheLimitStopsTheReading() throws {
    let source = MemorySource("ok\n\"" + String(repeating: "x", count: 100))
    let text = try TextStream(source: source, chunkSize: 8)
    let reader = CSVReader(text: text, maximumRecordBytes: 10)
    #expect(try reader.next()?.fields == ["ok"])
    #expect(throws: FileProblem.recordTooLong(line: 2, limit: 10)) { _ = try reader.next() }
  }

  /// Every tricky shape at once, for the chunking tests.
  static let tricky =
    "応募ID,企業・団体名,備考\r\n"
    + "A1,\"株式会社\r\n改行\",\"引用符\"\"入り\"\r\n"
    + "A2,ab\"c,\"x\"y\r"
    + "\r\n"
    + ",,\n"
    + "A3,\"\",\"\n\n\"\n"
    + "A4,髙①,end"

  @Test func feedingOneByteAtATimeGivesTheSameRecords() throws {
    let bytes = Array(Self.tricky.utf8)
    let whole = try csvRecords(bytes)
    let byteByByte = try csvRecords(bytes, chunkLimit: 1, chunkSize: 1)
    #expect(byteByByte == whole)
    #expect(whole.count == 7)
    #expect(whole.map(\.line) == [1, 2, 4, 5, 6, 7, 10])
    #expect(whole[1].fields == ["A1", "株式会社\r\n改行", "引用符\"入り"])
    #expect(whole[2].fields == ["A2", "ab\"c", "xy"])
    #expect(whole[3].fields == [""])
    #expect(whole[5].fields == ["A3", "", "\n\n"])
  }

  @Test(arguments: [2, 3, 5, 7, 13])
  func everyChunkSizeGivesTheSameRecords(chunkSize: Int) throws {
    let bytes = Array(Self.tricky.utf8)
    #expect(try csvRecords(bytes, chunkLimit: chunkSize, chunkSize: chunkSize) == csvRecords(bytes))
  }

  @Test func aCRLFSplitAcrossChunksIsOneLineBreak() throws {
    let records = try csvRecords(Array("a\r\nb\r\n".utf8), chunkLimit: 2, chunkSize: 2)
    #expect(records.map(\.fields) == [["a"], ["b"]])
    #expect(records.map(\.line) == [1, 2])
  }

  @Test func aFiveMegabyteFieldIsReadWhole() throws {
    let unit = "髙①テレワーク,\"\n"
    let repeats = 5 * 1024 * 1024 / unit.utf8.count + 1
    let big = String(repeating: unit, count: repeats)
    let quoted = big.replacingOccurrences(of: "\"", with: "\"\"")
    let text = "id,note\nA1,\"\(quoted)\"\nA2,short\n"
    let records = try csvRecords(Array(text.utf8), chunkLimit: 64 * 1024, chunkSize: 64 * 1024)
    #expect(records.count == 3)
    #expect(records[1].fields[1] == big)
    #expect(records[1].fields[1].utf8.count > 5 * 1024 * 1024)
    #expect(records[2].fields == ["A2", "short"])
    #expect(records[2].line == 2 + repeats + 1)
  }

  @Test func aFiveMegabyteUnquotedFieldIsReadWhole() throws {
    let big = String(repeating: "x", count: 5 * 1024 * 1024)
    let records = try csvRecords(Array("a,\(big),b\n".utf8), chunkLimit: 4096, chunkSize: 4096)
    #expect(records.first?.fields == ["a", big, "b"])
  }
}
