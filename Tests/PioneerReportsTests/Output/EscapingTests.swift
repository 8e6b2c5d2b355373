import PioneerReports
import Testing

@Suite struct HTMLEscapingTests {
  @Test func scriptTagIsEscapedInText() {
    #expect(
      HTMLEscaping.text("<script>alert('x')</script>")
        == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
  }

  @Test func quotesAndAmpersandAreEscapedInAttributes() {
    #expect(
      HTMLEscaping.attribute("\" onmouseover='evil()' a=\"&")
        == "&quot; onmouseover=&#39;evil()&#39; a=&quot;&amp;")
  }

  @Test func textAlsoEscapesQuotes() {
    #expect(HTMLEscaping.text("\"R&D\" 'x'") == "&quot;R&amp;D&quot; &#39;x&#39;")
  }

  @Test func ampersandOfAnEntityIsEscapedSoTheEntityShowsLiterally() {
    #expect(HTMLEscaping.text("&lt;") == "&amp;lt;")
  }

  @Test func lineBreaksStayInTextButAreEncodedInAttributes() {
    #expect(HTMLEscaping.text("a\nb\tc") == "a\nb\tc")
    #expect(HTMLEscaping.attribute("a\r\nb\tc") == "a&#13;&#10;b&#9;c")
  }

  @Test func disallowedControlCharactersBecomeReplacementCharacters() {
    #expect(
      HTMLEscaping.text("a\u{0}b\u{1B}c\u{7F}d\u{85}e") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e")
  }

  @Test func japaneseTextIsUnchanged() {
    #expect(HTMLEscaping.text("テレワーク先駆者百選（総務大臣賞）") == "テレワーク先駆者百選（総務大臣賞）")
  }
}

@Suite struct MarkdownEscapingTests {
  @Test(arguments: [
    ("a|b", #"a\|b"#),
    (#"C:\temp"#, #"C:\\temp"#),
    ("line1\nline2", "line1<br>line2"),
    ("line1\r\nline2", "line1<br>line2"),
    ("line1\rline2", "line1<br>line2"),
    ("a\n\nb", "a<br><br>b"),
  ])
  func pipesBackslashesAndNewlinesAreEscaped(cell: String, expected: String) {
    #expect(MarkdownEscaping.tableCell(cell) == expected)
  }

  @Test(arguments: [
    ("# heading", ##"\# heading"##),
    ("#1", ##"\#1"##),
    ("> quote", #"\> quote"#),
    ("- item", #"\- item"#),
    ("+ item", #"\+ item"#),
    ("-", #"\-"#),
    ("---", #"\---"#),
    ("===", #"\==="#),
    ("1. first", #"1\. first"#),
    ("10) tenth", #"10\) tenth"#),
    ("  # indented", ##"  \# indented"##),
  ])
  func leadingBlockMarkersAreEscaped(cell: String, expected: String) {
    #expect(MarkdownEscaping.tableCell(cell) == expected)
  }

  @Test(arguments: ["-3", "+1.5", "2.5", "1.5%", "2021.9.1", "a - b", "=x", "1-2"])
  func numbersAndMidTextMarkersAreLeftAlone(cell: String) {
    #expect(MarkdownEscaping.tableCell(cell) == cell)
  }

  @Test(arguments: [
    ("*bold*", #"\*bold\*"#),
    ("`code`", #"\`code\`"#),
    ("~~del~~", #"\~\~del\~\~"#),
    ("[link](http://x)", #"\[link\](http://x)"#),
    ("![img](x)", #"!\[img\](x)"#),
    ("_em_", #"\_em\_"#),
    ("a _b_ c", #"a \_b\_ c"#),
  ])
  func inlineFormattingIsEscaped(cell: String, expected: String) {
    #expect(MarkdownEscaping.tableCell(cell) == expected)
  }

  @Test func underscoreInsideAWordIsKept() {
    #expect(MarkdownEscaping.tableCell("not_selected") == "not_selected")
    #expect(MarkdownEscaping.tableCell("応募_ID") == "応募_ID")
  }

  @Test func htmlAndEntitiesCannotBeInjected() {
    #expect(MarkdownEscaping.tableCell("<script>x</script>") == "&lt;script>x&lt;/script>")
    #expect(MarkdownEscaping.tableCell("&amp; &#60;") == ##"\&amp; \&#60;"##)
    #expect(MarkdownEscaping.tableCell("R & D") == "R & D")
  }

  @Test func japaneseTextIsUnchanged() {
    #expect(MarkdownEscaping.tableCell("株式会社テスト（東京都）") == "株式会社テスト（東京都）")
  }
}
