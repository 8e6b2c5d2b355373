import PioneerTestSupport
import Testing

@testable import PioneerRules

@Suite struct ExactNumberTests {
  @Test func decimalComparisonIsExact() throws {
    let a = try #require(ExactNumber(decimalLiteral: "3.99"))
    let four = ExactNumber(4)
    #expect(a < four)
    #expect(try #require(ExactNumber(decimalLiteral: "4.00")) == four)
  }

  @Test func quarterIsExactlyTwentyFivePercent() throws {
    let ratio = try #require(ExactNumber(1).divided(by: ExactNumber(4)))
    #expect(ratio == ExactNumber(mantissa: 25, scale: 2))
    #expect(ratio.percentString == "25%")
  }

  @Test func overflowReturnsNilInsteadOfTrapping() {
    let huge = ExactNumber(numerator: Int128.max / 2, denominator: 1)!
    #expect(huge.multiplied(by: huge) == nil)
    #expect(ExactNumber(numerator: Int128.max - 1, denominator: 1)!.adding(ExactNumber(2)) == nil)
    #expect(ExactNumber(5).divided(by: .zero) == nil)
  }

  @Test func comparisonOfHugeFractionsDoesNotOverflow() {
    let a = ExactNumber(numerator: Int128.max - 1, denominator: Int128.max - 2)!
    let b = ExactNumber(numerator: Int128.max - 2, denominator: Int128.max - 3)!
    #expect(a < b)
  }

  @Test func fixedRoundsHalfAwayFromZero() {
    #expect(ExactNumber(numerator: 37, denominator: 3)!.fixed(2) == "12.33")
    #expect(ExactNumber(numerator: 1, denominator: 8)!.fixed(2) == "0.13")
    #expect(ExactNumber(numerator: -1, denominator: 8)!.fixed(2) == "-0.13")
    #expect(ExactNumber(numerator: 999, denominator: 1000)!.fixed(2) == "1.00")
    #expect(ExactNumber(12).fixed(2) == "12.00")
  }
}

extension ExactNumberTests {
  /// Euclid's algorithm, the reference `gcd`'s fast paths must agree with.
  static func euclid(_ a: UInt128, _ b: UInt128) -> UInt128 {
    var (x, y) = (a, b)
    while y != 0 { (x, y) = (y, x % y) }
    return x == 0 ? 1 : x
  }

  @Test func greatestCommonDivisorAgreesWithEuclidOnSmallLargeAndZeroOperands() {
    var random = SplitMix64(seed: 7)
    var pairs: [(UInt128, UInt128)] = [(0, 0), (0, 12), (12, 0), (1, 1), (1, 0), (.max, 1)]
    for _ in 0..<2000 {
      // Small numbers with shared powers of two, 64-bit ones, and 128-bit ones.
      let shift = UInt128(random.next() % 20)
      pairs.append((UInt128(random.next() % 5000) << shift, UInt128(random.next() % 5000) << shift))
      pairs.append((UInt128(random.next()), UInt128(random.next())))
      pairs.append((UInt128(random.next()) << 64 | UInt128(random.next()), UInt128(random.next())))
    }
    let wrong = pairs.filter { ExactNumber.gcd($0.0, $0.1) != Self.euclid($0.0, $0.1) }
    #expect(wrong.isEmpty, "\(wrong.prefix(3))")
  }

  @Test func productsAndQuotientsStayInLowestTerms() throws {
    var random = SplitMix64(seed: 11)
    for _ in 0..<2000 {
      let a = try #require(
        ExactNumber(
          numerator: Int128(Int64(random.next() % 2001) - 1000),
          denominator: Int128(random.next() % 999 + 1)))
      let b = try #require(
        ExactNumber(
          numerator: Int128(Int64(random.next() % 2001) - 1000),
          denominator: Int128(random.next() % 999 + 1)))
      let product = try #require(a.multiplied(by: b))
      // a × b = n / d exactly: n · da · db = na · nb · d (small enough not to overflow).
      #expect(
        product.numerator * a.denominator * b.denominator
          == a.numerator * b.numerator * product.denominator)
      if b != .zero {
        let quotient = try #require(a.divided(by: b))
        #expect(
          quotient.numerator * a.denominator * b.numerator
            == a.numerator * b.denominator * quotient.denominator)
      }
      for result in [a.multiplied(by: b), a.divided(by: b)].compactMap({ $0 }) {
        #expect(result.denominator >= 1)
        #expect(Self.euclid(result.numerator.magnitude, result.denominator.magnitude) == 1)
      }
    }
  }
}

@Suite struct CivilDateTests {
  @Test func rejectsDaysThatDoNotExist() {
    #expect(CivilDate(year: 2021, month: 2, day: 30) == nil)
    #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
    #expect(CivilDate(year: 2100, month: 2, day: 29) == nil)
  }

  @Test func leapDayMinusOneYearIsTwentyEighthOfFebruary() throws {
    let leap = try #require(CivilDate(year: 2024, month: 2, day: 29))
    #expect(leap.adding(months: -12)?.description == "2023-02-28")
  }

  @Test func roundTripsDayNumbers() throws {
    for year in [1, 1926, 1970, 1989, 2019, 2021, 9999] {
      let date = try #require(CivilDate(year: year, month: 3, day: 1))
      #expect(CivilDate(dayNumber: date.dayNumber) == date)
      #expect(date.components.year == year)
    }
  }
}

@Suite struct TruthTests {
  @Test func kleeneTables() {
    #expect((Truth.no && .unknown) == .no)
    #expect((Truth.yes || .unknown) == .yes)
    #expect((Truth.yes && .unknown) == .unknown)
    #expect(!Truth.unknown == .unknown)
  }
}
