import PioneerRules
import Testing

@testable import PioneerRecords

/// Numbers far beyond the limits (spec §3.2) are out of range or malformed — a row error —
/// never an arithmetic trap, however many digits, separators or multipliers they carry.
@Suite struct HugeNumberCellTests {
  static let tenToThe30 = "1" + String(repeating: "0", count: 30)
  static let countLimit = CellError.Reason.outOfRange(maximum: ExactNumber(1_000_000_000))
  static let decimalLimit = CellError.Reason.outOfRange(maximum: ExactNumber(1_000_000_000))
  static let yenLimit = CellError.Reason.outOfRange(
    maximum: ExactNumber(1_000_000_000_000_000))

  @Test(arguments: [
    tenToThe30, tenToThe30 + "人", "1" + String(repeating: ",000", count: 10),
    String(repeating: "9", count: 500), "１" + String(repeating: "０", count: 30),
    "18446744073709551616", "9223372036854775808",
  ])
  func countOfTenToTheThirtyIsOutOfRange(text: String) {
    #expect(reason(text, "total_employees") == Self.countLimit)
  }

  @Test func countJustAboveTheLimitIsOutOfRangeAndTheLimitReads() {
    #expect(reason("1000000001", "teleworkers") == Self.countLimit)
    #expect(value("1,000,000,000", "teleworkers") == number(1_000_000_000))
  }

  @Test(arguments: [
    tenToThe30, tenToThe30 + ".5", tenToThe30 + "日", String(repeating: "9", count: 500) + ".1",
    "18446744073709551616.0",
  ])
  func decimalOfTenToTheThirtyIsOutOfRange(text: String) {
    #expect(reason(text, "avg_telework_days") == Self.decimalLimit)
  }

  @Test func decimalWithMoreDigitsThanFitIsTooManyDigitsNotATrap() {
    let tiny = "0." + String(repeating: "0", count: 60) + "1"
    #expect(reason(tiny, "avg_telework_days") == .tooManyDigits)
    let long = "1." + String(repeating: "1", count: 60)
    #expect(reason(long, "avg_telework_days") == .tooManyDigits)
    // Trailing zeros cost no precision, however many.
    #expect(value("4." + String(repeating: "0", count: 500), "avg_telework_days") == number(4))
  }

  @Test(arguments: [
    tenToThe30, tenToThe30 + "円", "99999999999999999999999億", "99999999999999999999999億円",
    "99999999999999999999999万", "1" + String(repeating: ",000", count: 10) + "円",
    "18446744073709551616", "184467440737億", "1000000000000001",
  ])
  func yenOfTenToTheThirtyIsOutOfRange(text: String) {
    #expect(reason(text, "capital_yen") == Self.yenLimit)
  }

  @Test func hugePartAfterAMultiplierIsMalformedNotATrap() {
    let expectedYen = CellError.Reason.expected(.yen)
    #expect(reason("1億99999999999999999999999万", "capital_yen") == expectedYen)
    #expect(reason("1億99999999999999999999999", "capital_yen") == expectedYen)
    #expect(reason("1万99999999999999999999999円", "capital_yen") == expectedYen)
    #expect(value("1,000,000,000,000,000円", "capital_yen") == number(1_000_000_000_000_000))
  }

  @Test func errorMessagesOfHugeCellsQuoteTheCellAndTheLimit() throws {
    let error = try #require(
      cell("99999999999999999999999億", "capital_yen").failureValue)
    #expect(error.message(.en).contains("99999999999999999999999億"))
    #expect(error.message(.ja).contains("99999999999999999999999億"))
  }
}

extension Result {
  /// The error of a failure, or nil.
  fileprivate var failureValue: Failure? {
    if case .failure(let error) = self { return error }
    return nil
  }
}
