/// An exact rational number: every number a decision depends on is one of these.
///
/// Binary floating point would make `3.99 ≥ 4` or `1/4 ≥ 25%` depend on rounding, so the
/// engine keeps a numerator and a positive denominator in `Int128`, always in lowest terms.
/// Arithmetic never traps: an operation whose result does not fit returns `nil`, and the
/// evaluator reports it as an arithmetic error instead of crashing.
public struct ExactNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
  // Kept as 64-bit halves: a stored `Int128` would align the struct, and every `Value` and
  // array of them, to 16 bytes, and glibc allocates such arrays (one per row) through
  // posix_memalign, several times slower than malloc. Visible to inlined code only, so that
  // the intake's `init(_:)` of every integer cell is inlined rather than called.
  @usableFromInline let numeratorLow: UInt64
  @usableFromInline let numeratorHigh: Int64
  @usableFromInline let denominatorLow: UInt64
  @usableFromInline let denominatorHigh: Int64

  /// The numerator, carrying the sign.
  @inline(__always)
  public var numerator: Int128 { Int128(numeratorHigh) << 64 | Int128(numeratorLow) }
  /// The denominator, always ≥ 1.
  @inline(__always)
  public var denominator: Int128 { Int128(denominatorHigh) << 64 | Int128(denominatorLow) }

  /// The numerator and denominator when each fits in 64 bits: a half that is the sign
  /// extension of its low word.
  @inline(__always)
  var smallParts: (numerator: Int64, denominator: Int64)? {
    let numerator = Int64(bitPattern: numeratorLow)
    let denominator = Int64(bitPattern: denominatorLow)
    guard numeratorHigh == numerator >> 63, denominatorHigh == denominator >> 63 else {
      return nil
    }
    return (numerator, denominator)
  }

  /// Zero.
  public static let zero = ExactNumber(normalized: 0, 1)
  /// One.
  public static let one = ExactNumber(normalized: 1, 1)

  @inlinable
  init(normalized numerator: Int128, _ denominator: Int128) {
    numeratorLow = UInt64(truncatingIfNeeded: numerator)
    numeratorHigh = Int64(truncatingIfNeeded: numerator >> 64)
    denominatorLow = UInt64(truncatingIfNeeded: denominator)
    denominatorHigh = Int64(truncatingIfNeeded: denominator >> 64)
  }

  /// The number of `smallParts`: parts in lowest terms with a positive denominator.
  @inline(__always)
  init(smallNumerator numerator: Int64, denominator: Int64) {
    self.init(normalized: Int128(numerator), Int128(denominator))
  }

  /// An integer.
  @inlinable
  public init(_ value: Int64) {
    self.init(normalized: Int128(value), 1)
  }

  /// `numerator / denominator` in lowest terms, or `nil` when the denominator is zero or the
  /// value cannot be represented.
  public init?(numerator: Int128, denominator: Int128) {
    guard denominator != 0 else { return nil }
    guard numerator != .min, denominator != .min else { return nil }
    var n = numerator
    var d = denominator
    if d < 0 {
      n = -n
      d = -d
    }
    let g = ExactNumber.gcd(n.magnitude, d.magnitude)
    if g > 1 {
      n /= Int128(g)
      d /= Int128(g)
    }
    self.init(normalized: n, d)
  }

  /// A decimal with `scale` digits after the point: `mantissa × 10^-scale`.
  public init?(mantissa: Int128, scale: Int) {
    guard scale >= 0, scale <= 36 else { return nil }
    var d: Int128 = 1
    for _ in 0..<scale { d *= 10 }
    self.init(numerator: mantissa, denominator: d)
  }

  /// Parses a plain decimal literal such as `4`, `3.99` or `-0.5` (ASCII only).
  public init?(decimalLiteral text: Substring) {
    var mantissa: Int128 = 0
    var scale = 0
    var seenPoint = false
    var digits = 0
    var negative = false
    var index = text.startIndex
    if index < text.endIndex, text[index] == "-" {
      negative = true
      index = text.index(after: index)
    }
    while index < text.endIndex {
      let character = text[index]
      if character == "." {
        if seenPoint { return nil }
        seenPoint = true
      } else if let digit = character.asciiDigit {
        let (m1, o1) = mantissa.multipliedReportingOverflow(by: 10)
        let (m2, o2) = m1.addingReportingOverflow(Int128(digit))
        if o1 || o2 { return nil }
        mantissa = m2
        digits += 1
        if seenPoint { scale += 1 }
      } else if character != "_" {
        return nil
      }
      index = text.index(after: index)
    }
    guard digits > 0 else { return nil }
    self.init(mantissa: negative ? -mantissa : mantissa, scale: scale)
  }

  /// Whether the number is an integer.
  public var isInteger: Bool { denominator == 1 }

  /// The value as an `Int64`, when it is an integer that fits.
  public var int64Value: Int64? {
    guard denominator == 1 else { return nil }
    return Int64(exactly: numerator)
  }

  // MARK: Arithmetic: nil on overflow or division by zero, never a trap.

  /// `self + other`, or `nil` on overflow.
  public func adding(_ other: ExactNumber) -> ExactNumber? {
    if denominator == other.denominator {
      let (n, o) = numerator.addingReportingOverflow(other.numerator)
      return o ? nil : ExactNumber(numerator: n, denominator: denominator)
    }
    guard let a = ExactNumber.multiply(numerator, other.denominator),
      let b = ExactNumber.multiply(other.numerator, denominator),
      let d = ExactNumber.multiply(denominator, other.denominator)
    else { return nil }
    let (n, o) = a.addingReportingOverflow(b)
    return o ? nil : ExactNumber(numerator: n, denominator: d)
  }

  /// `self - other`, or `nil` on overflow.
  public func subtracting(_ other: ExactNumber) -> ExactNumber? {
    guard other.numerator != .min else { return nil }
    return adding(ExactNumber(normalized: -other.numerator, other.denominator))
  }

  /// `self × other`, or `nil` on overflow.
  public func multiplied(by other: ExactNumber) -> ExactNumber? {
    if let small = SmallFraction.product(self, other) { return small }
    // Cross-reduce first so that products of reduced fractions stay small.
    let g1 = Int128(ExactNumber.gcd(numerator.magnitude, other.denominator.magnitude))
    let g2 = Int128(ExactNumber.gcd(other.numerator.magnitude, denominator.magnitude))
    let a = g1 > 1 ? numerator / g1 : numerator
    let d2 = g1 > 1 ? other.denominator / g1 : other.denominator
    let b = g2 > 1 ? other.numerator / g2 : other.numerator
    let d1 = g2 > 1 ? denominator / g2 : denominator
    guard let n = ExactNumber.multiply(a, b), let d = ExactNumber.multiply(d1, d2) else {
      return nil
    }
    // Both factors were in lowest terms and every common factor across them is divided out,
    // so the product is too; its denominator is a product of positive ones.
    return ExactNumber(normalized: n, d)
  }

  /// `self ÷ other`, or `nil` when `other` is zero or on overflow.
  public func divided(by other: ExactNumber) -> ExactNumber? {
    guard other.numerator != 0, other.numerator != .min else { return nil }
    let inverse =
      other.numerator < 0
      ? ExactNumber(normalized: -other.denominator, -other.numerator)
      : ExactNumber(normalized: other.denominator, other.numerator)
    return multiplied(by: inverse)
  }

  /// Compares without overflow: cross products are formed in 256 bits when needed.
  public static func < (lhs: ExactNumber, rhs: ExactNumber) -> Bool {
    compare(lhs, rhs) < 0
  }

  /// -1, 0 or 1.
  @inline(__always)
  public static func compare(_ lhs: ExactNumber, _ rhs: ExactNumber) -> Int {
    if let order = SmallFraction.compare(lhs, rhs) { return order }
    return compareWide(lhs, rhs)
  }

  /// -1, 0 or 1 for two numbers given by their `smallParts`.
  @inline(__always)
  static func compareSmall(
    _ x: (numerator: Int64, denominator: Int64), _ y: (numerator: Int64, denominator: Int64)
  ) -> Int {
    SmallFraction.compare(x, y)
  }

  /// `compare` of numbers with a part beyond 64 bits.
  private static func compareWide(_ lhs: ExactNumber, _ rhs: ExactNumber) -> Int {
    if lhs.denominator == rhs.denominator {
      return lhs.numerator < rhs.numerator ? -1 : (lhs.numerator == rhs.numerator ? 0 : 1)
    }
    let left = WideProduct(lhs.numerator, rhs.denominator)
    let right = WideProduct(rhs.numerator, lhs.denominator)
    return WideProduct.compare(left, right)
  }

  // MARK: Text

  /// The exact value as a decimal when it has a finite expansion, else as `n/d`.
  public var description: String {
    if let text = decimalString(maximumFractionDigits: 36, exactOnly: true) { return text }
    return "\(numerator)/\(denominator)"
  }

  /// The value rounded half away from zero to `digits` places, with exactly that many digits
  /// after the point (`"12.33"` for 37/3 with 2).
  public func fixed(_ digits: Int) -> String {
    let places = max(0, min(digits, 30))
    var scale: UInt128 = 1
    for _ in 0..<places { scale *= 10 }
    let magnitude = numerator.magnitude
    let (whole, remainder) = magnitude.quotientAndRemainder(dividingBy: denominator.magnitude)
    // fraction = remainder × scale / denominator, rounded half up; remainder < denominator.
    let (scaled, overflow) = remainder.multipliedReportingOverflow(by: scale)
    var fraction: UInt128
    if overflow {
      fraction = 0  // only for denominators near 2^128, which no input produces
    } else {
      let (q, r) = scaled.quotientAndRemainder(dividingBy: denominator.magnitude)
      fraction = q
      if r.multipliedReportingOverflow(by: 2).partialValue >= denominator.magnitude {
        fraction += 1
      }
    }
    var integerPart = whole
    if fraction >= scale && places >= 0 {
      fraction -= scale
      integerPart += 1
    }
    var text = numerator < 0 && (integerPart != 0 || fraction != 0) ? "-" : ""
    text += String(integerPart)
    if places > 0 {
      let digitsText = String(fraction)
      text += "." + String(repeating: "0", count: max(0, places - digitsText.count)) + digitsText
    }
    return text
  }

  /// The shortest exact decimal (`"0.25"`, `"4"`), or a rounded one when `exactOnly` is false.
  public func decimalString(maximumFractionDigits: Int, exactOnly: Bool = false) -> String? {
    for places in 0...max(0, maximumFractionDigits) {
      guard let scaled = multiplied(by: ExactNumber.powerOfTen(places)) else { break }
      if scaled.isInteger { return fixed(places) }
    }
    return exactOnly ? nil : fixed(maximumFractionDigits)
  }

  /// A percentage for explanations: `"25%"`, `"33.33%"`.
  public var percentString: String {
    guard let hundred = multiplied(by: ExactNumber(100)) else { return description }
    return (hundred.decimalString(maximumFractionDigits: 2) ?? hundred.fixed(2)) + "%"
  }

  // MARK: Helpers

  static func powerOfTen(_ n: Int) -> ExactNumber {
    var value: Int128 = 1
    for _ in 0..<min(n, 36) { value *= 10 }
    return ExactNumber(normalized: value, 1)
  }

  private static func multiply(_ a: Int128, _ b: Int128) -> Int128? {
    let (p, o) = a.multipliedReportingOverflow(by: b)
    return o ? nil : p
  }

  /// The greatest common divisor of two 64-bit magnitudes; 1 when both are 0.
  static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
    binaryGCD(a, b)
  }

  static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
    // A denominator of 1 is the common case: integers.
    if a == 1 || b == 1 { return 1 }
    // Nearly every other number here fits in 64 bits, where the binary algorithm needs only
    // shifts and subtractions instead of a division per step.
    if let small = UInt64(exactly: a), let other = UInt64(exactly: b) {
      return UInt128(binaryGCD(small, other))
    }
    var x = a
    var y = b
    while y != 0 { (x, y) = (y, x % y) }
    return x == 0 ? 1 : x
  }
}

/// The arithmetic of fractions whose parts all fit in 64 bits, nearly every number a record
/// holds: their products fit in `Int128` without an overflow check, and their quotients need
/// only 64-bit divisions, where the general path calls 128-bit multiply and divide routines.
private enum SmallFraction {
  /// The parts of `n`, when each fits in 64 bits.
  @inline(__always)
  static func parts(_ n: ExactNumber) -> (numerator: Int64, denominator: Int64)? {
    n.smallParts
  }

  /// `a × b` as `multiplied(by:)` computes it, or nil to take the general path.
  static func product(_ a: ExactNumber, _ b: ExactNumber) -> ExactNumber? {
    guard let x = parts(a), let y = parts(b) else { return nil }
    // Denominators are ≥ 1, so each GCD is ≥ 1 and at most the positive denominator it
    // shares: every quotient below is exact and fits.
    let g1 = Int64(binaryGCD(x.numerator.magnitude, UInt64(y.denominator)))
    let g2 = Int64(binaryGCD(y.numerator.magnitude, UInt64(x.denominator)))
    let n1 = x.numerator / g1
    let d2 = y.denominator / g1
    let n2 = y.numerator / g2
    let d1 = x.denominator / g2
    // |each part| < 2^63, so each product is below 2^126 in magnitude.
    // In lowest terms and with a positive denominator, as in `multiplied(by:)`.
    return ExactNumber(normalized: Int128(n1) &* Int128(n2), Int128(d1) &* Int128(d2))
  }

  /// -1, 0 or 1 as `ExactNumber.compare` gives, or nil to take the general path. Inlined:
  /// it is the whole of most comparisons, one for nearly every check and criterion of a row.
  @inline(__always)
  static func compare(_ a: ExactNumber, _ b: ExactNumber) -> Int? {
    guard let x = parts(a), let y = parts(b) else { return nil }
    return compare(x, y)
  }

  /// -1, 0 or 1 for two numbers given by their `smallParts`.
  @inline(__always)
  static func compare(
    _ x: (numerator: Int64, denominator: Int64), _ y: (numerator: Int64, denominator: Int64)
  ) -> Int {
    if x.denominator == y.denominator {
      return x.numerator < y.numerator ? -1 : (x.numerator == y.numerator ? 0 : 1)
    }
    // |each part| < 2^63, so each cross product fits in `Int128`.
    let left = Int128(x.numerator) &* Int128(y.denominator)
    let right = Int128(y.numerator) &* Int128(x.denominator)
    return left < right ? -1 : (left == right ? 0 : 1)
  }
}

/// Stein's binary greatest common divisor; 1 when both are 0, as `gcd` promises.
private func binaryGCD(_ a: UInt64, _ b: UInt64) -> UInt64 {
  if a == 0 { return b == 0 ? 1 : b }
  if b == 0 { return a }
  let shift = (a | b).trailingZeroBitCount
  var x = a >> a.trailingZeroBitCount
  var y = b
  repeat {
    y >>= y.trailingZeroBitCount
    if x > y { swap(&x, &y) }
    y -= x
  } while y != 0
  return x << shift
}

/// A signed 256-bit product of two `Int128`, only for comparing cross products exactly.
private struct WideProduct {
  let negative: Bool
  let high: UInt128
  let low: UInt128

  init(_ a: Int128, _ b: Int128) {
    let product = a.magnitude.multipliedFullWidth(by: b.magnitude)
    high = product.high
    low = product.low
    negative = (a < 0) != (b < 0) && (high != 0 || low != 0)
  }

  static func compare(_ x: WideProduct, _ y: WideProduct) -> Int {
    if x.negative != y.negative { return x.negative ? -1 : 1 }
    let magnitudeOrder: Int
    if x.high != y.high {
      magnitudeOrder = x.high < y.high ? -1 : 1
    } else if x.low != y.low {
      magnitudeOrder = x.low < y.low ? -1 : 1
    } else {
      magnitudeOrder = 0
    }
    return x.negative ? -magnitudeOrder : magnitudeOrder
  }
}

extension Character {
  /// 0–9 for an ASCII digit, else nil.
  var asciiDigit: Int? {
    guard let ascii = asciiValue, ascii >= 48, ascii <= 57 else { return nil }
    return Int(ascii - 48)
  }
}
