import Foundation
import Testing

@testable import PioneerReports

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

  @Test func rowsLongerThanTheWritersBufferAreWrittenWhole() throws {
    let sink = MemorySink()
    let writer = CSVWriter(to: sink, lineEnding: .lf)
    let long = String(repeating: "あいう", count: 400)
    try writer.writeRow([long, long, long, String(Int.min)])
    #expect(sink.text == [long, long, long, String(Int.min)].joined(separator: ",") + "\n")
  }

  @Test func tabSeparatedRows() throws {
    let sink = MemorySink()
    let writer = CSVWriter(to: sink, lineEnding: .lf, encoder: CSVCellEncoder(delimiter: "\t"))
    try writer.writeRow(["a", "b,c", "d\te"])
    #expect(sink.text == "a\tb,c\t\"d\te\"\n")
  }
}

/// Cells that a shortcut could get wrong: every byte that makes a cell quoted, every formula
/// starter (ASCII and full-width), edge spaces, plain numbers, Japanese text, and lengths on
/// both sides of the eight-byte words the plain scan reads.
let awkwardCells: [String] = [
  "", "a", "A-001", "R0000000", "テスト企業0", "株式会社ソラリンク情報システム", "株式会社テスト（東京）",
  "a,b", ",", "abcdefg,", "abcdefgh,", "abcdefghi,", ",abcdefgh", "abcdefgh,ijklmnop",
  "say \"hi\"", "\"", "abcdefgh\"", "0123456\"", "line1\r\nline2", "cr\ronly", "lf\nonly",
  "abcdefghijklmno\n", "=1+2", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx", "\nx", "-", "-3",
  "+1.5", "-0.25", "42", "＝cmd", "＋1", "－3", "＠SUM", "ｘ＝１", " leading", "trailing ",
  "\u{3000}全角", "全角\u{3000}", "中\tタブ", "x\t", "a b", "〒100", "'=already",
  "=HYPERLINK(\"http://x\",\"y\")", String(repeating: "長い名前", count: 30),
  String(repeating: "長い名前", count: 30) + ",", String(repeating: "x", count: 200) + "\"",
]

/// A row written through `CSVWriter.writeRowInPlace`: `cells` appends the cells to the cursor.
///
/// - Returns: whether the row was written in place.
func writeInPlace(
  _ writer: CSVWriter, bound: Int, _ cells: (inout CSVRowCursor) -> Void
) throws -> Bool {
  try writer.writeRowInPlace(maximumByteCount: bound) { room in
    guard var row = writer.makeCursor(over: room) else { return 0 }
    cells(&row)
    return row.endRow()
  }
}

@Suite struct CSVRowCursorTests {
  /// The cursor copies a cell's bytes as they are when it judges them plain, scanning eight
  /// bytes at a time; that shortcut must give the encoder's bytes for every cell.
  @Test(arguments: awkwardCells)
  func textCellsWrittenInPlaceMatchTheEncoder(cell: String) throws {
    let sink = MemorySink()
    let writer = CSVWriter(to: sink, lineEnding: .lf)
    let bound = CSVRowCursor.maximumByteCount(of: cell) + 2 * CSVRowCursor.numberCellBytes
    let written = try writeInPlace(writer, bound: bound) { row in
      row.append("a")
      row.append(cell)
      row.append(-42)
    }
    #expect(written)
    #expect(sink.text == "a," + CSVCellEncoder().encode(cell) + ",-42\n")
  }

  @Test(arguments: awkwardCells)
  func aCellWrittenInPlaceMatchesTheSameCellThroughWriteRow(cell: String) throws {
    let inPlace = MemorySink()
    let writer = CSVWriter(to: inPlace, byteOrderMark: true)
    _ = try writeInPlace(writer, bound: CSVRowCursor.maximumByteCount(of: cell)) {
      $0.append(cell)
    }
    let reference = MemorySink()
    try CSVWriter(to: reference, byteOrderMark: true).writeRow([cell])
    #expect(inPlace.bytes == reference.bytes)
  }

  @Test(arguments: [
    0, 7, 9, 10, 42, 99, 100, 101, 999, 1_000, 12_345, 99_999, 100_000, 1_000_000, 10_000_001,
    Int.max, -1, -9, -10, -12_345, Int.min,
  ])
  func integerCellsAreTheirDecimalDigits(number: Int) throws {
    let sink = MemorySink()
    let writer = CSVWriter(to: sink, lineEnding: .lf)
    let written = try writeInPlace(writer, bound: 2 * CSVRowCursor.numberCellBytes) { row in
      row.append(number)
      row.append(number)
    }
    #expect(written)
    #expect(sink.text == "\(number),\(number)\n")
  }

  @Test func aLoneEmptyCellIsQuotedAndNoCellsIsABareLineEnd() throws {
    let sink = MemorySink()
    let writer = CSVWriter(to: sink, lineEnding: .lf)
    _ = try writeInPlace(writer, bound: 4) { $0.append("") }
    _ = try writeInPlace(writer, bound: 4) { $0.appendEmptyCell() }
    _ = try writeInPlace(writer, bound: 4) { row in
      row.append("")
      row.appendEmptyCell()
    }
    _ = try writeInPlace(writer, bound: 0) { _ in }
    let reference = MemorySink()
    let referenceWriter = CSVWriter(to: reference, lineEnding: .lf)
    for cells in [[""], [""], ["", ""], []] { try referenceWriter.writeRow(cells) }
    #expect(sink.text == reference.text)
    #expect(sink.text == "\"\"\n\"\"\n,\n\n")
  }

  @Test func aRowThatOutgrowsItsBoundIsAbandonedAndNothingIsWritten() throws {
    let sink = MemorySink()
    let writer = CSVWriter(to: sink, lineEnding: .lf)
    let long = String(repeating: "x", count: 100)
    let written = try writeInPlace(writer, bound: 10) { row in
      row.append("short")
      row.append(long)
    }
    #expect(!written)
    #expect(sink.bytes.isEmpty)
  }

  @Test func anAbandonedRowWritesNothing() throws {
    let sink = MemorySink()
    let writer = CSVWriter(to: sink, lineEnding: .lf, byteOrderMark: true)
    let written = try writeInPlace(writer, bound: 100) { row in
      row.append("kept?")
      row.abandon()
    }
    #expect(!written)
    #expect(sink.bytes == CSVWriter.byteOrderMark)
  }

  @Test func aNegativeOrOverflowingBoundWritesNothing() throws {
    let sink = MemorySink()
    let writer = CSVWriter(to: sink, lineEnding: .lf)
    let negative = try writeInPlace(writer, bound: -1) { $0.append("x") }
    let overflowing = try writeInPlace(writer, bound: Int.max) { $0.append("x") }
    #expect(!negative && !overflowing)
    #expect(sink.bytes.isEmpty)
  }

  /// Fixed cells are copied in whole 16-byte blocks from a padded table; cells of every length
  /// around the block size, alone and joined, must come out as the encoder writes them.
  @Test func fixedCellsMatchTheEncoderAtEveryLength() throws {
    let texts = (0...40).map { String(repeating: "x", count: $0) } + awkwardCells
    let sink = MemorySink()
    let writer = CSVWriter(to: sink, lineEnding: .lf)
    var builder = CSVFixedCells.Builder(for: writer)
    let single = texts.map { builder.add($0) }
    let joined = zip(texts, texts.reversed()).map { builder.add(joining: [$0, $1]) }
    let table = builder.finish()
    let reference = MemorySink()
    let referenceWriter = CSVWriter(to: reference, lineEnding: .lf)
    for (index, text) in texts.enumerated() {
      let other = texts[texts.count - 1 - index]
      let bound =
        single[index].count + joined[index].count + CSVRowCursor.maximumByteCount(of: "z")
      let written = try writeInPlace(writer, bound: bound) { row in
        row.append(single[index], from: table)
        row.append(joined[index], from: table)
        row.append("z")
      }
      #expect(written)
      try referenceWriter.writeRow([text, text, other, "z"])
    }
    #expect(sink.text == reference.text)
  }

  @Test(arguments: [
    UInt8(ascii: ","), UInt8(ascii: "\t"), UInt8(ascii: ";"), UInt8(ascii: "|"), 0xC0,
  ])
  func theEightByteScanFindsEveryQuotedByteAtEveryPosition(delimiter: UInt8) {
    let quoted: [UInt8] = [delimiter, 0x22, 0x0D, 0x0A]
    // Bytes below the scan's threshold that are not quoted: the words holding them are
    // looked at byte by byte, and must still be passed.
    let harmless: [UInt8] = [0x20, 0x21, 0x28, 0x2B, 0x2C, 0x09].filter { !quoted.contains($0) }
    for length in 1...33 {
      for position in 0..<length {
        for special in quoted + harmless {
          var bytes = [UInt8](repeating: UInt8(ascii: "k"), count: length)
          bytes[position] = special
          let found = bytes.withUnsafeBufferPointer {
            CSVWriter.containsQuotedByte($0, delimiter: delimiter)
          }
          #expect(found == quoted.contains(special), "\(length) \(position) \(special)")
        }
      }
    }
  }

  @Test func plainCellsAreTheOnesTheEncoderLeavesAlone() {
    for cell in awkwardCells {
      let plain = Array(cell.utf8).withUnsafeBufferPointer {
        CSVWriter.isPlain($0, delimiter: UInt8(ascii: ","))
      }
      if plain { #expect(CSVCellEncoder().encode(cell) == cell, "\(cell)") }
    }
  }

  @Test func tabSeparatedRowsInPlaceMatchWriteRow() throws {
    let encoder = CSVCellEncoder(delimiter: "\t")
    let sink = MemorySink()
    let writer = CSVWriter(to: sink, lineEnding: .lf, encoder: encoder)
    let reference = MemorySink()
    let referenceWriter = CSVWriter(to: reference, lineEnding: .lf, encoder: encoder)
    for cell in awkwardCells {
      _ = try writeInPlace(writer, bound: 2 * CSVRowCursor.maximumByteCount(of: cell)) { row in
        row.append(cell)
        row.append("b,c")
      }
      try referenceWriter.writeRow([cell, "b,c"])
    }
    #expect(sink.text == reference.text)
  }

  /// Rows written in place into a file sink's buffer, among them rows longer than the whole
  /// buffer and rows that reach past its end, arrive whole and in order.
  @Test func rowsInPlaceCrossingTheSinksBufferArriveWhole() throws {
    var received: [UInt8] = []
    let sink = BufferedFileSink(
      fileDescriptor: 99, name: "test", capacity: 64, closeOnDeinit: false,
      systemWrite: { _, bytes in
        received.append(contentsOf: bytes)
        return .wrote(bytes.count)
      })
    let writer = CSVWriter(to: sink, byteOrderMark: true)
    let reference = MemorySink()
    let referenceWriter = CSVWriter(to: reference, byteOrderMark: true)
    let cells = awkwardCells + (60...70).map { String(repeating: "あ", count: $0) }
    for (index, cell) in cells.enumerated() {
      _ = try writeInPlace(writer, bound: CSVRowCursor.maximumByteCount(of: cell) + 25) { row in
        row.append(index)
        row.append(cell)
      }
      try referenceWriter.writeRow([String(index), cell])
    }
    try writer.finish()
    #expect(received == reference.bytes)
  }
}
