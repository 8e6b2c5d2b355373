import Foundation
import PioneerTestSupport
import Testing

@testable import PioneerRecords

@Suite struct CellTextTests {
  @Test(arguments: [
    ("  25\t", "25"),
    ("\u{3000}２５\u{3000}", "25"),
    ("１，２３４", "1,234"),
    ("\u{00A0}7\u{00A0}", "7"),
    ("ｶﾌﾞｼｷｶﾞｲｼｬ", "カブシキガイシャ"),
    ("㍻31年", "平成31年"),
    ("Ｒ３．９．１", "R3.9.1"),
    ("株式会社 テスト", "株式会社 テスト"),
  ])
  func cellsAreTrimmedAndNFKCNormalised(written: String, normalized: String) {
    // Compared as bytes: `String` equality is canonical equivalence, under which a kana
    // left decomposed (カ + U+3099) would pass for the composed one NFKC gives (ガ).
    #expect(Array(CellText.normalize(written).utf8) == Array(normalized.utf8))
  }

  /// A text cell short enough for a String to hold inline (an id) skips NFKC only when it
  /// is all ASCII: a full-width digit at any byte up to the 15th is still normalised.
  @Test func shortTextCellsSkipNFKCOnlyWhenAllASCII() {
    let ascii = "R00000000012"
    for position in 0...ascii.count {
      let index = ascii.index(ascii.startIndex, offsetBy: position)
      let written = " " + ascii[..<index] + "１" + ascii[index...] + "\t"
      let expected = ascii[..<index] + "1" + ascii[index...]
      #expect(value(written, "name") == .text(String(expected)), "\(written)")
    }
    for length in 1...17 {
      let id = String(repeating: "A", count: length - 1) + "9"
      #expect(value("\u{3000}\(id) ", "name") == .text(id))
    }
  }

  /// The typer takes a cell of 1 to 16 ASCII bytes with no space or tab at either end as
  /// its own text, without trimming or NFKC; anything else goes the long way.
  @Test func onlyShortPlainASCIICellsAreTheirOwnText() {
    func plain(_ text: String) -> Bool {
      var copy = text
      return copy.withUTF8 { CellText.isPlainShortASCII($0) }
    }
    #expect(plain("A") && plain("R0000001") && plain("R0 1") && plain("R00000000000015"))
    #expect(plain("R000000000000016"))
    #expect(!plain("R0000000000000017"))  // 17 bytes
    #expect(!plain(""))
    for cell in [" R1", "R1 ", "\tR1", "R1\t", " ", "\t", "R0000000000001 ", "\tR000000000001"] {
      #expect(!plain(cell), "\(cell)")
    }
    for cell in ["R１", "１", "Ｒ0000001", "R000000001２", "R0000000000001２", "é", "R\u{3000}"] {
      #expect(!plain(cell), "\(cell)")
    }
  }

  /// Whatever way a text cell takes, its text is the trimmed NFKC of the cell, as
  /// `normalize` gives it: none for a cell that reads as empty.
  @Test func aTextCellsBytesAreItsNormalisedTextOnRandomCells() {
    let pieces = [
      "R", "0", "9", " ", "\t", "-", "１", "Ｒ", "\u{3000}", "\u{00A0}", "テ", "ｶ", "ﾞ", "~", ",",
    ]
    var generator = SplitMix64(seed: 11)
    for _ in 0..<3000 {
      let length = Int.random(in: 0...18, using: &generator)
      let cell = (0..<length).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
      var copy = cell
      var bytes: [UInt8]?
      copy.withUTF8 { raw in CellText.withTextCell(raw) { bytes = Array($0) } }
      let expected = CellText.normalize(cell)
      #expect(bytes == (expected.isEmpty ? nil : Array(expected.utf8)), "\(cell)")
    }
  }

  @Test func halfWidthVoicedKanaComposeAsNFKCSays() {
    // Foundation on Linux maps ｶﾞ to カ + U+3099 without composing them; NFKC composes.
    #expect(CellText.normalize("ｶﾞ").unicodeScalars.map(\.value) == [0x30AC])
    #expect(CellText.normalize("ﾊﾟﾋﾞ").unicodeScalars.map(\.value) == [0x30D1, 0x30D3])
    #expect(CellText.normalize("カ\u{3099}").unicodeScalars.map(\.value) == [0x30AC])
  }

  @Test func onlyCertainlyNormalisedTextSkipsNFKC() {
    func known(_ text: String) -> Bool {
      var copy = text
      return copy.withUTF8 { CellText.isKnownNormalized($0) }
    }
    #expect(known("R0000001,abc 123"))
    #expect(known("テスト企業・ひらがな々ー漢字"))
    #expect(!known("２５"))
    #expect(!known("ｶ"))
    #expect(!known("e\u{0301}"))
    #expect(!known("①"))
    #expect(known("ガ"))  // precomposed: NFKC keeps it
    #expect(!known("カ\u{3099}"))  // decomposed: NFKC composes it
  }

  @Test func theSkipIsSoundOnRandomText() {
    // Whenever the fast check says "normalised", NFKC really leaves the text unchanged.
    let pieces = [
      "a", "Z", "0", " ", ",", "テ", "ス", "ト", "か", "゙", "\u{3099}", "漢", "字", "・", "ー",
      "々", "ｶ", "１", "①", "㈱", "e", "\u{0301}", "髙", "〇", "○", "\u{3000}",
    ]
    var generator = SplitMix64(seed: 7)
    for _ in 0..<2000 {
      let length = Int.random(in: 0...8, using: &generator)
      let text = (0..<length).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
      var copy = text
      let known = copy.withUTF8 { CellText.isKnownNormalized($0) }
      // As bytes: `String` equality would take a decomposed kana for its composed form.
      let nfkc = text.precomposedStringWithCompatibilityMapping
        .precomposedStringWithCanonicalMapping
      if known { #expect(Array(nfkc.utf8) == Array(text.utf8), "\(text)") }
    }
  }
}
