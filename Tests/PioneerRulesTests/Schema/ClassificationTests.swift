import Testing

@testable import PioneerRules

/// A classification gives the codes it makes a slot, which tables answer by: the slot must
/// name exactly the code's text and path, and must not make two equal codes unequal.
@Suite struct ClassificationTests {
  static let jsic: Classification = {
    guard case .code(let classification)? = R3.ruleSet.schema.input(named: "jsic_code")?.type
    else { fatalError("r3 has no JSIC input") }
    return classification
  }()

  /// Every text a code cell can hold once normalised, and some it cannot: letters, one to four
  /// digits (a four-digit code is no JSIC code), and a few others.
  static let texts: [String] = {
    var texts = (UInt8(ascii: "A")...UInt8(ascii: "Z")).map {
      String(decoding: [$0], as: UTF8.self)
    }
    texts += (0..<10).map { "\($0)" }
    texts += (0..<100).map { $0 < 10 ? "0\($0)" : "\($0)" }
    texts += (0..<1000).map { String(repeating: "0", count: 3 - "\($0)".count) + "\($0)" }
    texts += ["1000", "5821", "a", "g", "", "５８", "5a", "-1", "AB", "Ａ"]
    return texts
  }()

  @Test func everyCodeTheClassificationMakesHasTheSlotOfItsTextAndPath() throws {
    var made = 0
    for text in Self.texts {
      guard let code = Self.jsic.code(text) else { continue }
      made += 1
      let slot = try #require(code.slot, "\(text)")
      #expect(Int(slot.index) == IndustryCode.Slot.index(of: code.text), "\(text)")
      #expect(slot.majorGroup == code.path.last.flatMap(IndustryCode.Slot.letter), "\(text)")
      // The path the slot stands for: the text, its group, its letter.
      let letter = String(decoding: [slot.majorGroup], as: UTF8.self)
      let expectedPath =
        switch code.text.count {
        case 1: [letter]
        case 2: [code.text, letter]
        default: [code.text, String(code.text.prefix(2)), letter]
        }
      #expect(code.path == expectedPath, "\(text)")
    }
    // 20 letters, 99 groups (nine of them also as a single digit), 990 three-digit codes.
    #expect(made == 20 + 99 + 9 + 990)
  }

  @Test func theSlotNeitherChangesEqualityNorHashing() throws {
    for text in ["G", "9", "09", "58", "582", "791"] {
      let made = try #require(Self.jsic.code(text))
      let built = IndustryCode(text: made.text, path: made.path)
      #expect(built.slot == nil)
      #expect(made == built)
      #expect(made.hashValue == built.hashValue)
      #expect(Set([Value.code(made)]).contains(.code(built)))
      #expect(IndustryCode(text: made.text, path: made.path + ["X"]) != made)
      #expect(IndustryCode(text: made.text + "0", path: made.path) != made)
    }
  }

  @Test func aCodeUnderALetterOutsideAToZHasNoSlot() throws {
    let classification = Classification(
      name: "X", label: Label(ja: "X", en: "X"),
      majorGroups: [
        .init(letter: "Ä", firstGroup: 1, lastGroup: 9),
        .init(letter: "B", firstGroup: 10, lastGroup: 19),
      ])
    #expect(try #require(classification.code("Ä")).slot == nil)
    #expect(try #require(classification.code("05")).slot == nil)
    #expect(try #require(classification.code("051")).slot == nil)
    #expect(try #require(classification.code("15")).slot != nil)
  }

  @Test func aSlotDoesNotWidenAValue() {
    // A `Value` is as wide as its widest payload, an `ExactNumber`: a code with its slot must
    // stay within it, or every value of every row grows.
    #expect(MemoryLayout<IndustryCode>.size <= MemoryLayout<ExactNumber>.size)
    #expect(MemoryLayout<Value>.size == MemoryLayout<ExactNumber>.size + 1)
  }
}
