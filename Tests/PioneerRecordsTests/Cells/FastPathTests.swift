import Foundation
import PioneerRules
import PioneerTestSupport
import Testing

@testable import PioneerRecords

/// The shortcuts of `CellParser` (plain digits, plain ASCII dates, the cache keyed by the
/// cell as written) against the general path they stand in for, on seeded random cells of
/// their shapes and of shapes that nearly match.
@Suite struct FastPathTests {
  /// The general path for a cell of `column`: trimmed and NFKC-normalised as a String, then
  /// read by the column type's own parser, with no cache and no shortcut.
  private func generalRead(_ text: String, _ column: String) -> Result<Value, CellFailure> {
    let limits = TestSchema.limits
    var normalized = CellText.normalize(text)
    if normalized.isEmpty { return .success(.missing) }
    return normalized.withUTF8 { bytes -> Result<Value, CellFailure> in
      switch TestSchema.input(column).type {
      case .count:
        return NumberText.count(bytes, maximum: limits.maximumCount).map { .number($0) }
      case .decimal:
        return NumberText.decimal(bytes, maximum: limits.maximumDecimal).map { .number($0) }
      case .yen:
        return NumberText.yen(bytes, maximum: limits.maximumYen).map { .number($0) }
      case .date:
        return DateText.parse(bytes).map { .date($0) }
      case .dateOrNone(let noneWords):
        if let none = WordTable(noneWords.map { ($0, Value.none) }).lookup(bytes) {
          return .success(none)
        }
        return DateText.parse(bytes).map { .date($0) }
      default:
        return .failure(.malformed)
      }
    }
  }

  /// What `parser` reads `text` as, through `read(bytes:)` and so its shortcuts and cache.
  private func fastRead(_ parser: CellParser, _ text: String) -> Result<Value, CellFailure> {
    var copy = text
    return copy.withUTF8 { parser.read(bytes: $0) }
  }

  /// What `parser` reads `text` as through `read(_:into:)`, the path the row typer takes:
  /// its own shortcuts (empty cells, plain digits) and the cache's home slot read in place.
  /// A cell that does not read must leave `missing` behind.
  private func inPlaceRead(_ parser: CellParser, _ text: String) -> Result<Value, CellFailure> {
    var copy = text
    return copy.withUTF8 { bytes in
      let slot = UnsafeMutablePointer<Value>.allocate(capacity: 1)
      defer {
        slot.deinitialize(count: 1)
        slot.deallocate()
      }
      guard let failure = parser.read(bytes, into: slot) else { return .success(slot.pointee) }
      #expect(slot.pointee == .missing, "\(text)")
      return .failure(failure)
    }
  }

  /// Checks that every cell reads as the general path reads it, by both of the parser's
  /// ways in, twice (the second time usually from the cache) and with padding around it.
  private func expectAgreement(_ texts: [String], column: String) {
    let parser = CellParser(input: TestSchema.input(column), schema: TestSchema.schema)
    for text in texts + texts {
      let expected = generalRead(text, column)
      #expect(fastRead(parser, text) == expected, "\(column): \(text)")
      #expect(fastRead(parser, " \(text)\u{3000}") == expected, "\(column): \(text)")
      #expect(inPlaceRead(parser, text) == expected, "\(column): \(text)")
      #expect(inPlaceRead(parser, "\t\(text) ") == expected, "\(column): \(text)")
    }
  }

  private func randomCell(
    from pieces: [String], lengths: ClosedRange<Int>, using generator: inout SplitMix64
  ) -> String {
    let length = Int.random(in: lengths, using: &generator)
    return (0..<length).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
  }

  @Test func plainDigitCellsReadAsTheGeneralPathReadsThem() {
    var generator = SplitMix64(seed: 11)
    var texts: [String] = []
    // Plain digits of every length up to past the shortcut's 18 and past 10^9 and Int64.
    for _ in 0..<3000 {
      let length = Int.random(in: 1...24, using: &generator)
      texts.append(
        String((0..<length).map { _ in "0123456789".randomElement(using: &generator) ?? "0" }))
    }
    texts += ["0", "00", "1000000000", "1000000001", "999999999999999999", "9999999999999999999"]
    // Near misses: separators, points, units, signs, spaces, full-width digits.
    let pieces = [
      "1", "2", "0", "9", "5", ",", ".", "人", "名", "日", "円", "万", "億", " ", "\u{3000}", "-",
      "+", "１", "０", "，", "e", "\t", "\u{00A0}",
    ]
    for _ in 0..<4000 {
      texts.append(randomCell(from: pieces, lengths: 0...12, using: &generator))
    }
    for column in ["total_employees", "avg_telework_days", "capital_yen"] {
      expectAgreement(texts, column: column)
    }
  }

  @Test func thePlainDigitShortcutTakesEveryCellOfUpTo18Digits() {
    for length in 1...18 {
      var text = String(repeating: "9", count: length)
      let digits = text.withUTF8 { NumberText.plainDigits($0) }
      #expect(digits == Int64(text))
    }
    for text in [
      "", "1,234", "12人", "1.5", "-3", "+3", "1 2", "１２", String(repeating: "1", count: 19),
    ] {
      var copy = text
      #expect(copy.withUTF8 { NumberText.plainDigits($0) } == nil, "\(text)")
    }
  }

  @Test func plainASCIIDatesReadAsTheGeneralPathReadsThem() {
    var generator = SplitMix64(seed: 12)
    var texts: [String] = []
    func digits(_ count: Int) -> String {
      String((0..<count).map { _ in "0123456789".randomElement(using: &generator) ?? "0" })
    }
    // Dates of the shortcut's shape, many of them impossible (month 13, day 31 in a short
    // month, February 29 of a common year, year 0000).
    for _ in 0..<4000 {
      let separator = ["-", "/", "."].randomElement(using: &generator) ?? "-"
      let year =
        Bool.random(using: &generator)
        ? digits(4) : "\(Int.random(in: 1990...2030, using: &generator))"
      let month = Int.random(in: 0...13, using: &generator)
      let day = Int.random(in: 0...32, using: &generator)
      let monthText = Bool.random(using: &generator) ? "\(month)" : String(format: "%02d", month)
      let dayText = Bool.random(using: &generator) ? "\(day)" : String(format: "%02d", day)
      texts.append(year + separator + monthText + separator + dayText)
    }
    texts += ["2024-02-29", "2023-02-29", "2021-02-30", "0000-01-01", "9999-12-31", "2021-9-1"]
    // Near misses: other widths, mixed separators, kanji, eras, full-width digits, spaces.
    let pieces = [
      "2", "0", "1", "9", "3", "-", "/", ".", "年", "月", "日", "R", "H", "S", "r", "令和", "平成", "元",
      "２", "０", " ", "\u{3000}", ",", "+",
    ]
    for _ in 0..<6000 {
      texts.append(randomCell(from: pieces, lengths: 0...12, using: &generator))
    }
    for _ in 0..<2000 {
      let widths = (0..<3).map { _ in Int.random(in: 0...5, using: &generator) }
      let separators = (0..<2).map { _ in
        ["-", "/", ".", "-"].randomElement(using: &generator) ?? "-"
      }
      texts.append(
        digits(widths[0]) + separators[0] + digits(widths[1]) + separators[1] + digits(widths[2]))
    }
    expectAgreement(texts, column: "application_date")
    expectAgreement(texts + ["なし", "無", "NONE", "None "], column: "last_violation_date")
  }

  @Test func theDateShortcutTakesEveryDateOfItsShape() {
    for text in ["2021-09-01", "2021/9/1", "2021.9.01", "2021-12-1", "2023-02-29", "2021-1-31"] {
      var copy = text
      #expect(copy.withUTF8 { DateText.plainWestern($0) } != nil, "\(text)")
    }
    for text in [
      "2021-09/01", "R3.9.1", "2021年9月1日", "21-09-01", "2021-009-01", "2021-09-001", "2021-09-",
    ] {
      var copy = text
      #expect(copy.withUTF8 { DateText.plainWestern($0) } == nil, "\(text)")
    }
  }

  @Test func plainDigitsAreBoundedAsTheGeneralPathBoundsThemWhateverTheMaximum() throws {
    // Maximums the `Int64` shortcut cannot hold (a fraction, past `Int64`) and one below
    // every plain number: each column's plain digits must still read as `bounded` says.
    let limits = ValueLimits(
      maximumCount: ExactNumber(-1),
      maximumDecimal: try #require(ExactNumber(numerator: 61, denominator: 2)),
      maximumYen: try #require(ExactNumber(numerator: Int128(Int64.max) * 4, denominator: 1)))
    let schema = Schema(
      inputs: TestSchema.schema.inputs, booleanWords: TestSchema.booleanWords, limits: limits)
    let columns = [
      ("total_employees", limits.maximumCount), ("avg_telework_days", limits.maximumDecimal),
      ("capital_yen", limits.maximumYen),
    ]
    for (column, maximum) in columns {
      let parser = CellParser(input: TestSchema.input(column), schema: schema)
      for text in ["0", "1", "30", "31", "0030", "999999999999999999"] {
        var copy = text
        let expected = copy.withUTF8 { bytes in
          NumberText.plainDigits(bytes).map { NumberText.bounded($0, maximum: maximum) }
        }?.map { Value.number($0) }
        #expect(inPlaceRead(parser, text) == expected, "\(column): \(text)")
        #expect(fastRead(parser, text) == expected, "\(column): \(text)")
      }
    }
  }

  @Test func aCachedCellReadsTheSameAsWrittenAndWithSpacesAround() {
    // The cache is keyed by the cell as written: padded and unpadded spellings are cached
    // apart, and each reads as the general path says.
    let texts = (0..<200).flatMap { ["\($0)", " \($0)", "\($0)\u{3000}", "\t\($0) "] }
    expectAgreement(texts + ["", " ", "\u{3000}"], column: "teleworkers")
  }
}
