import PioneerRules
import Testing

@testable import PioneerRecords

@Suite struct CountCellTests {
  @Test(
    arguments: [
      ("25", 25), ("0", 0), ("007", 7), ("1,234", 1234), ("1,000,000", 1_000_000), ("12人", 12),
      ("3名", 3), ("２５", 25), ("１，２３４", 1234), ("  7 ", 7), ("1,234人", 1234),
      ("1000000000", 1_000_000_000),
    ] as [(String, Int128)])
  func acceptedCounts(text: String, expected: Int128) {
    #expect(value(text, "total_employees") == number(expected))
  }

  @Test(arguments: [
    "12.5", "-3", "abc", "1,23", "12,3456", ",123", "1234,567", "1,", "12人人", "人", "1 234",
    "+5", "5人名", "１２．５",
  ])
  func malformedCountsAreRejected(text: String) {
    #expect(reason(text, "total_employees") == .expected(.count))
  }

  @Test(arguments: [
    "1000000001", "1,000,000,001", "1000000000000000000000000000000", "99999999999999999999人",
  ])
  func countsAbove10To9AreOutOfRange(text: String) {
    #expect(reason(text, "total_employees") == .outOfRange(maximum: ExactNumber(1_000_000_000)))
  }

  @Test(arguments: ["", "   ", "\u{3000}", "\t"])
  func anEmptyCellIsMissing(text: String) {
    #expect(value(text, "total_employees") == .missing)
  }
}

@Suite struct DecimalCellTests {
  @Test(
    arguments: [
      ("4", 4, 1), ("4.0", 4, 1), ("4.00", 4, 1), ("3.95", 395, 100), ("4日", 4, 1),
      ("3.5日", 7, 2), ("３．５", 7, 2), ("0.5", 1, 2), ("0", 0, 1),
      ("4." + String(repeating: "0", count: 60), 4, 1),
    ] as [(String, Int128, Int128)])
  func acceptedDecimals(text: String, numerator: Int128, denominator: Int128) {
    #expect(value(text, "avg_telework_days") == number(numerator, denominator))
  }

  @Test func decimalsAreExact() throws {
    let threeNinetyNine = try #require(value("3.99", "avg_telework_days"))
    let fourHundredths = try #require(value("4.00", "avg_telework_days"))
    guard case .number(let a) = threeNinetyNine, case .number(let b) = fourHundredths else {
      Issue.record("not numbers")
      return
    }
    #expect(a < ExactNumber(4))
    #expect(b == ExactNumber(4))
  }

  @Test(arguments: ["4.", ".5", "4..0", "-1", "abc", "1,5", "4日日", "4.5.6", "日", "1e3"])
  func malformedDecimalsAreRejected(text: String) {
    #expect(reason(text, "avg_telework_days") == .expected(.decimal))
  }

  @Test(arguments: ["1000000000.5", "1" + String(repeating: "0", count: 40), "1000000001"])
  func decimalsAboveTheMaximumAreOutOfRange(text: String) {
    #expect(
      reason(text, "avg_telework_days") == .outOfRange(maximum: ExactNumber(1_000_000_000)))
  }

  @Test func decimalsTooPreciseToHoldAreRejectedNotRounded() {
    #expect(reason("1." + String(repeating: "1", count: 45), "avg_telework_days") == .tooManyDigits)
  }
}

@Suite struct YenCellTests {
  @Test(
    arguments: [
      ("300000000", 300_000_000), ("3億円", 300_000_000), ("5,000万円", 50_000_000),
      ("1億2000万", 120_000_000), ("1億2000万5000円", 120_005_000), ("1000万", 10_000_000),
      ("12,345円", 12345), ("0", 0), ("１億円", 100_000_000), ("3億5000000", 305_000_000),
      ("1,000,000,000,000,000", 1_000_000_000_000_000), ("10000000億", 1_000_000_000_000_000),
    ] as [(String, Int128)])
  func acceptedAmounts(text: String, expected: Int128) {
    #expect(value(text, "capital_yen") == number(expected))
  }

  @Test(arguments: [
    "億", "円", "万円", "1.5億", "1万2億", "1億20000万", "1億2万3万", "abc", "-5", "5千万",
    "1,0000万", "1億円2000万",
  ])
  func malformedAmountsAreRejected(text: String) {
    #expect(reason(text, "capital_yen") == .expected(.yen))
  }

  @Test(arguments: [
    "1000000000000001", "100000000億", "100000000001万", "1" + String(repeating: "0", count: 30),
  ])
  func amountsAbove10To15AreOutOfRange(text: String) {
    #expect(
      reason(text, "capital_yen") == .outOfRange(maximum: ExactNumber(1_000_000_000_000_000)))
  }
}
