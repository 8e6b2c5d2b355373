import PioneerReports
import PioneerRules
import Testing

@Suite struct JSONEncodingTests {
  @Test func quotesAndBackslashesAreEscaped() {
    #expect(JSONEncoding.quoted("say \"hi\" \\ bye") == #""say \"hi\" \\ bye""#)
  }

  @Test func controlCharactersBecomeUnicodeEscapes() {
    #expect(JSONEncoding.escaped("\u{0}") == #"\u0000"#)
    #expect(JSONEncoding.escaped("a\nb") == #"a\u000ab"#)
    #expect(JSONEncoding.escaped("\t\r\u{8}\u{C}") == #"\u0009\u000d\u0008\u000c"#)
    #expect(JSONEncoding.escaped("\u{1B}[31m") == #"\u001b[31m"#)
    #expect(JSONEncoding.escaped("\u{1F}") == #"\u001f"#)
  }

  @Test func everyControlCharacterIsEscaped() {
    for value in 0..<0x20 {
      let scalar = Unicode.Scalar(UInt8(value))
      let escaped = JSONEncoding.escaped(String(Character(scalar)))
      #expect(escaped.hasPrefix(#"\u00"#) && escaped.utf8.count == 6, "U+\(value)")
    }
  }

  @Test func lineAndParagraphSeparatorsAreEscaped() {
    #expect(JSONEncoding.escaped("a\u{2028}b\u{2029}c") == #"a\u2028b\u2029c"#)
  }

  @Test func nonASCIIStaysUTF8() {
    #expect(JSONEncoding.quoted("テレワーク先駆者百選 👍 é") == "\"テレワーク先駆者百選 👍 é\"")
    // Neighbours of U+2028 in UTF-8 (E2 80 A7, E2 80 AA) are kept.
    #expect(JSONEncoding.escaped("\u{2027}\u{202A}") == "\u{2027}\u{202A}")
  }

  @Test func slashAndDeleteAreNotEscaped() {
    #expect(JSONEncoding.escaped("a/b\u{7F}") == "a/b\u{7F}")
  }

  @Test(arguments: ["0", "-0", "12", "-12.50", "1e9", "2.5E-3", "0.001"])
  func validNumberLiterals(literal: String) {
    #expect(JSONEncoding.isValidNumber(literal))
  }

  @Test(arguments: ["", "-", "01", "1.", ".5", "+1", "1e", "NaN", "1,000", "0x10", "1.5.2"])
  func invalidNumberLiterals(literal: String) {
    #expect(!JSONEncoding.isValidNumber(literal))
  }
}

@Suite struct JSONWriterTests {
  @Test func nestedDocumentIsPrettyPrintedWithTwoSpaces() throws {
    let sink = MemorySink()
    let writer = JSONWriter(to: sink)
    try writer.object {
      try writer.field("id", "A-001")
      try writer.field("count", 3)
      try writer.field("small", true)
      try writer.field("note", nil as String?)
      try writer.array("tags") {
        try writer.string("pioneer")
        try writer.integer(-7)
        try writer.object {}
        try writer.array {}
      }
      try writer.object("score") {
        try writer.key("mean")
        try writer.number(literal: "12.50")
      }
    }
    try writer.finish()
    let expected = """
      {
        "id": "A-001",
        "count": 3,
        "small": true,
        "note": null,
        "tags": [
          "pioneer",
          -7,
          {},
          []
        ],
        "score": {
          "mean": 12.50
        }
      }

      """
    #expect(sink.text == expected)
  }

  @Test func keysKeepTheOrderTheyWereWrittenIn() throws {
    let sink = MemorySink()
    let writer = JSONWriter(to: sink)
    try writer.object {
      for key in ["z", "a", "m"] { try writer.field(key, 1) }
    }
    try writer.finish()
    #expect(sink.text == "{\n  \"z\": 1,\n  \"a\": 1,\n  \"m\": 1\n}\n")
  }

  @Test func sameCallsGiveIdenticalBytes() throws {
    func render() throws -> [UInt8] {
      let sink = MemorySink()
      let writer = JSONWriter(to: sink)
      try writer.object {
        try writer.field("名前", "株式会社\n\"テスト\"")
        try writer.field("n", Int64.min)
      }
      try writer.finish()
      return sink.bytes
    }
    #expect(try render() == render())
  }

  @Test func keysAndStringsAreEscaped() throws {
    let sink = MemorySink()
    let writer = JSONWriter(to: sink)
    try writer.object { try writer.field("a\"b", "x\u{1}y") }
    try writer.finish()
    #expect(sink.text == "{\n  \"a\\\"b\": \"x\\u0001y\"\n}\n")
  }

  @Test func scalarTopLevelValue() throws {
    let sink = MemorySink()
    let writer = JSONWriter(to: sink)
    try writer.null()
    try writer.finish()
    #expect(sink.text == "null\n")
  }

  @Test func valueWithoutKeyInObjectIsRefused() throws {
    let writer = JSONWriter(to: MemorySink())
    try writer.beginObject()
    #expect(throws: OutputError.invalidJSON(.valueWithoutKey)) { try writer.string("x") }
  }

  @Test func keyInArrayIsRefused() throws {
    let writer = JSONWriter(to: MemorySink())
    try writer.beginArray()
    #expect(throws: OutputError.invalidJSON(.unexpectedKey("k"))) { try writer.key("k") }
  }

  @Test func twoKeysInARowAreRefused() throws {
    let writer = JSONWriter(to: MemorySink())
    try writer.beginObject()
    try writer.key("a")
    #expect(throws: OutputError.invalidJSON(.unexpectedKey("b"))) { try writer.key("b") }
  }

  @Test func duplicateKeyIsRefused() throws {
    let writer = JSONWriter(to: MemorySink())
    try writer.beginObject()
    try writer.field("a", 1)
    #expect(throws: OutputError.invalidJSON(.duplicateKey("a"))) { try writer.field("a", 2) }
  }

  @Test func mismatchedEndIsRefused() throws {
    let writer = JSONWriter(to: MemorySink())
    try writer.beginObject()
    #expect(throws: OutputError.invalidJSON(.mismatchedEnd)) { try writer.endArray() }
    try writer.key("k")
    #expect(throws: OutputError.invalidJSON(.mismatchedEnd)) { try writer.endObject() }
  }

  @Test func secondTopLevelValueIsRefused() throws {
    let writer = JSONWriter(to: MemorySink())
    try writer.object {}
    #expect(throws: OutputError.invalidJSON(.secondTopLevelValue)) { try writer.bool(true) }
  }

  @Test func finishRefusesAnIncompleteDocument() throws {
    #expect(throws: OutputError.invalidJSON(.incompleteDocument)) {
      try JSONWriter(to: MemorySink()).finish()
    }
    let writer = JSONWriter(to: MemorySink())
    try writer.beginArray()
    #expect(throws: OutputError.invalidJSON(.incompleteDocument)) { try writer.finish() }
  }

  @Test func invalidNumberLiteralIsRefusedBeforeWriting() throws {
    let sink = MemorySink()
    let writer = JSONWriter(to: sink)
    #expect(throws: OutputError.invalidJSON(.invalidNumber("1,5"))) {
      try writer.number(literal: "1,5")
    }
    #expect(sink.bytes.isEmpty)
  }

  @Test func misuseMessagesExistInBothLanguages() {
    let error = OutputError.invalidJSON(.duplicateKey("id"))
    #expect(error.message(.ja).contains("重複"))
    #expect(error.message(.en).contains("twice"))
  }
}
