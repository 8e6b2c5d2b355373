import PioneerReports
import Testing

@Suite struct CSVCellEncoderTests {
  let encoder = CSVCellEncoder()

  @Test(arguments: [
    ("=1+2", "'=1+2"),
    ("+cmd", "'+cmd"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"),
    ("-", "'-"),
    ("--3", "'--3"),
    ("-3.", "'-3."),
    ("+1e5", "'+1e5"),
  ])
  func formulaStartersGetALeadingQuote(cell: String, expected: String) {
    #expect(encoder.encode(cell) == expected)
  }

  @Test func leadingCarriageReturnIsNeutralisedAndQuoted() {
    #expect(encoder.encode("\rx") == "\"'\rx\"")
  }

  @Test func leadingLineFeedIsNeutralisedAndQuoted() {
    #expect(encoder.encode("\nx") == "\"'\nx\"")
  }

  @Test(arguments: ["-3", "+1.5", "-0.25", "42", "+0", "3.14"])
  func plainNumbersAreKept(cell: String) {
    #expect(encoder.encode(cell) == cell)
  }

  @Test(arguments: [
    ("＝1+2", "'＝1+2"),
    ("＋cmd", "'＋cmd"),
    ("－2+3", "'－2+3"),
    ("＠SUM(A1)", "'＠SUM(A1)"),
    ("＝cmd|' /C calc'!A0", "'＝cmd|' /C calc'!A0"),
  ])
  func fullWidthFormulaStartersAreNeutralisedToo(cell: String, expected: String) {
    #expect(encoder.encode(cell) == expected)
  }

  @Test func formulaWithQuotesIsNeutralisedThenQuoted() {
    #expect(
      encoder.encode("=HYPERLINK(\"http://x\",\"y\")")
        == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
  }

  @Test(arguments: ["1-2", "a=b", "メール@例", "'=already"])
  func formulaCharactersAfterTheFirstAreHarmless(cell: String) {
    #expect(encoder.encode(cell) == cell)
  }

  @Test func neutralisationCanBeSwitchedOff() {
    let raw = CSVCellEncoder(neutralizesFormulas: false)
    #expect(raw.encode("=1+2") == "=1+2")
    #expect(raw.encode("=a,b") == "\"=a,b\"")
  }

  @Test(arguments: [
    ("a,b", "\"a,b\""),
    ("say \"hi\"", "\"say \"\"hi\"\"\""),
    ("line1\r\nline2", "\"line1\r\nline2\""),
    ("line1\nline2", "\"line1\nline2\""),
    ("cr\ronly", "\"cr\ronly\""),
    (" leading", "\" leading\""),
    ("trailing ", "\"trailing \""),
    ("\u{3000}全角", "\"\u{3000}全角\""),
    ("\"", "\"\"\"\""),
  ])
  func cellsNeedingQuotesAreQuotedWithDoubledQuotes(cell: String, expected: String) {
    #expect(encoder.encode(cell) == expected)
  }

  @Test(arguments: ["", "abc", "株式会社テスト", "a b", "2021/9/1"])
  func ordinaryCellsAreNotQuoted(cell: String) {
    #expect(encoder.encode(cell) == cell)
  }

  @Test func tabDelimiterQuotesCellsContainingTabsButNotCommas() {
    let tsv = CSVCellEncoder(delimiter: "\t")
    #expect(tsv.encode("a\tb") == "\"a\tb\"")
    #expect(tsv.encode("a,b") == "a,b")
  }

  @Test func plainNumberRecognition() {
    #expect(CSVCellEncoder.isPlainNumber("-0.25"))
    #expect(!CSVCellEncoder.isPlainNumber("-"))
    #expect(!CSVCellEncoder.isPlainNumber("-.5"))
    #expect(!CSVCellEncoder.isPlainNumber("1."))
    #expect(!CSVCellEncoder.isPlainNumber("1.2.3"))
    #expect(!CSVCellEncoder.isPlainNumber("－３"))
  }
}

@Suite struct CSVWriterTests {
  @Test func rowsEndWithCRLFByDefault() throws {
    let sink = MemorySink()
    let writer = CSVWriter(to: sink)
    try writer.writeRow(["id", "name"])
    try writer.writeRow(["A-1", "株式会社テスト, 東京"])
    try writer.finish()
    #expect(sink.text == "id,name\r\nA-1,\"株式会社テスト, 東京\"\r\n")
  }

  @Test func lineFeedEndingCanBeChosen() throws {
    let sink = MemorySink()
    let writer = CSVWriter(to: sink, lineEnding: .lf)
    try writer.writeRow(["a", "b"])
    try writer.writeRow(["c", "d"])
    #expect(sink.text == "a,b\nc,d\n")
  }

  @Test func byteOrderMarkIsWrittenOnceBeforeTheFirstRow() throws {
    let sink = MemorySink()
    let writer = CSVWriter(to: sink, byteOrderMark: true)
    try writer.writeRow(["x"])
    try writer.writeRow(["y"])
    try writer.finish()
    #expect(sink.bytes == [0xEF, 0xBB, 0xBF] + Array("x\r\ny\r\n".utf8))
  }

  @Test func byteOrderMarkIsWrittenByFinishWhenThereAreNoRows() throws {
    let sink = MemorySink()
    try CSVWriter(to: sink, byteOrderMark: true).finish()
    #expect(sink.bytes == CSVWriter.byteOrderMark)
  }

  @Test func noByteOrderMarkUnlessAsked() throws {
    let sink = MemorySink()
    let writer = CSVWriter(to: sink)
    try writer.writeRow(["x"])
    #expect(sink.bytes.first == UInt8(ascii: "x"))
  }

  @Test func injectionIsNeutralisedInRows() throws {
    let sink = MemorySink()
    let writer = CSVWriter(to: sink, lineEnding: .lf)
    try writer.writeRow(["=1+2", "-3", "@SUM(A1)", "ok"])
    #expect(sink.text == "'=1+2,-3,'@SUM(A1),ok\n")
  }

  @Test func loneEmptyCellIsQuotedSoTheRowIsNotBlank() throws {
    let sink = MemorySink()
    let writer = CSVWriter(to: sink, lineEnding: .lf)
    try writer.writeRow([""])
    try writer.writeRow(["", ""])
    try writer.writeRow([String]())
    #expect(sink.text == "\"\"\n,\n\n")
  }

  /// The writer copies a cell's bytes as they are when it judges them plain; that shortcut
  /// must agree with the encoder on every cell, the full-width starters and U+3000 included.
  @Test(arguments: [
    "＝cmd", "＋1", "－3", "＠SUM", "\u{3000}x", "x\u{3000}", "テスト企業0", "株式会社", "ア",
    "ｘ＝１", "〒100", "x ", " x", "a\"b", "a\r\nb", "Ｒ", "", "-3", "=1",
  ])
  func cellByCellWritingMatchesTheEncoder(cell: String) throws {
    let sink = MemorySink()
    let writer = CSVWriter(to: sink, lineEnding: .lf)
    writer.appendCell("a")
    writer.appendCell(cell)
    writer.appendCell(-42)
    try writer.endRow()
    #expect(sink.text == "a," + CSVCellEncoder().encode(cell) + ",-42\n")
  }

  @Test func rowsLongerThanTheWritersBufferAreWrittenWhole() throws {
    let sink = MemorySink()
    let writer = CSVWriter(to: sink, lineEnding: .lf)
    let long = String(repeating: "あいう", count: 400)
    for _ in 0..<3 { writer.appendCell(long) }
    writer.appendCell(Int.min)
    try writer.endRow()
    #expect(sink.text == [long, long, long, String(Int.min)].joined(separator: ",") + "\n")
  }

  @Test func tabSeparatedRows() throws {
    let sink = MemorySink()
    let writer = CSVWriter(to: sink, lineEnding: .lf, encoder: CSVCellEncoder(delimiter: "\t"))
    try writer.writeRow(["a", "b,c", "d\te"])
    #expect(sink.text == "a\tb,c\t\"d\te\"\n")
  }
}
