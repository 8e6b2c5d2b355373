import PioneerReports
import Testing

@Suite struct TerminalWidthTests {
  @Test(arguments: [
    ("", 0),
    ("abc", 3),
    ("日本語", 6),
    ("ひらがな", 8),
    ("カタカナ", 8),
    ("ｶﾀｶﾅ", 4),
    ("ＡＢ１", 6),
    ("한국어", 6),
    ("\u{3000}", 2),
    ("（株）", 6),
    ("￥100", 5),
    ("応募ID", 6),
    ("👍", 2),
    ("𠮷野家", 6),
  ])
  func wideAndNarrowCharactersCount(text: String, width: Int) {
    #expect(TerminalWidth.width(of: text) == width)
  }

  @Test func combiningMarksTakeNoColumns() {
    #expect(TerminalWidth.width(of: "e\u{301}") == 1)
    #expect(TerminalWidth.width(of: "か\u{3099}") == 2)
    #expect(TerminalWidth.width(of: "\u{301}" as Unicode.Scalar) == 0)
    #expect(TerminalWidth.width(of: "\u{1100}\u{1161}") == 2)
  }

  @Test func formatAndControlCharactersTakeNoColumns() {
    #expect(TerminalWidth.width(of: "a\u{200B}b") == 2)
    #expect(TerminalWidth.width(of: "a\u{7}b") == 2)
    #expect(TerminalWidth.width(of: "\u{FEFF}x") == 1)
  }

  @Test func padAddsSpacesToTheDisplayWidth() {
    #expect(TerminalWidth.pad("日本", to: 6) == "日本  ")
    #expect(TerminalWidth.pad("ab", to: 4, alignment: .right) == "  ab")
    #expect(TerminalWidth.pad("応募", to: 5, alignment: .right) == " 応募")
  }

  @Test func padNeverCutsWiderText() {
    #expect(TerminalWidth.pad("テレワーク", to: 4) == "テレワーク")
    #expect(TerminalWidth.pad("abc", to: -1) == "abc")
  }

  @Test func paddedColumnsLineUp() {
    let names = ["株式会社テスト", "ABC Corp", "ｶﾌﾞｼｷｶﾞｲｼｬ"]
    let widths = names.map { TerminalWidth.width(of: TerminalWidth.pad($0, to: 16) + "|") }
    #expect(Set(widths) == [17])
  }
}
