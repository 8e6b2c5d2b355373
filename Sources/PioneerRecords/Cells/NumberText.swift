import PioneerRules

/// Why a cell's text is not a value of its type; `CellParser` turns this into a `CellError`.
enum CellFailure: Error, Equatable {
  case malformed
  case outOfRange
  case tooManyDigits
  case noSuchDate
  /// Outside `JapaneseEra.all[index]`.
  case outsideEra(Int)
}

/// The numeric formats of spec §3.2, read from normalised UTF-8 bytes.
enum NumberText {
  /// A count: `25`, `1,234`, `12人`, `3名`; at most `maximum`.
  static func count(
    _ bytes: UnsafeBufferPointer<UInt8>, maximum: ExactNumber
  ) -> Result<ExactNumber, CellFailure> {
    var scanner = ByteScanner(bytes)
    guard let run = scanner.groupedInteger() else { return .failure(.malformed) }
    _ = scanner.take(ByteScanner.person) || scanner.take(ByteScanner.name)
    guard scanner.isAtEnd else { return .failure(.malformed) }
    return bounded(run, maximum: maximum)
  }

  /// A decimal: `4`, `4.0`, `3.95`, `4日`; at most `maximum`, exact.
  static func decimal(
    _ bytes: UnsafeBufferPointer<UInt8>, maximum: ExactNumber
  ) -> Result<ExactNumber, CellFailure> {
    var scanner = ByteScanner(bytes)
    var whole = DigitRun()
    var mantissa: Int128 = 0
    var scale = 0
    var overflowed = false
    // Digits go into an Int128 mantissa; zeros after the point are held back until a
    // non-zero digit follows, so trailing zeros (`4.000…0`) never cost precision.
    func push(_ digit: UInt8, zerosBefore: Int) {
      for _ in 0..<zerosBefore + 1 where !overflowed {
        let (times, o1) = mantissa.multipliedReportingOverflow(by: 10)
        overflowed = o1
        mantissa = times
      }
      let (sum, o2) = mantissa.addingReportingOverflow(Int128(digit))
      overflowed = overflowed || o2
      mantissa = sum
    }
    while let digit = scanner.digit() {
      whole.push(digit)
      push(digit, zerosBefore: 0)
    }
    guard whole.length > 0 else { return .failure(.malformed) }
    if scanner.take(UInt8(ascii: ".")) {
      var fractionDigits = 0
      var heldZeros = 0
      while let digit = scanner.digit() {
        fractionDigits += 1
        if digit == 0 {
          heldZeros += 1
        } else {
          push(digit, zerosBefore: heldZeros)
          scale += heldZeros + 1
          heldZeros = 0
        }
      }
      guard fractionDigits > 0 else { return .failure(.malformed) }
    }
    _ = scanner.take(ByteScanner.day)
    guard scanner.isAtEnd else { return .failure(.malformed) }
    if whole.overflowed || ExactNumber(Int64(clamping: whole.value)) > maximum {
      return .failure(.outOfRange)
    }
    guard !overflowed, let value = ExactNumber(mantissa: mantissa, scale: scale) else {
      return .failure(.tooManyDigits)
    }
    return value > maximum ? .failure(.outOfRange) : .success(value)
  }

  /// An amount of yen: `300000000`, `3億円`, `5,000万円`, `1億2000万`, `1億2000万5000円`;
  /// at most `maximum`. After 億 the 万 part is below 10^4 and a plain part below 10^8;
  /// after 万 a plain part is below 10^4.
  static func yen(
    _ bytes: UnsafeBufferPointer<UInt8>, maximum: ExactNumber
  ) -> Result<ExactNumber, CellFailure> {
    var scanner = ByteScanner(bytes)
    var total = DigitRun()
    var sawPart = false
    // The multiplier of the last unit seen: parts after it must stay below it.
    var ceiling: UInt64?
    while let part = scanner.groupedInteger() {
      sawPart = true
      let multiplier: UInt64
      if scanner.take(ByteScanner.oku) {
        multiplier = 100_000_000
      } else if scanner.take(ByteScanner.man) {
        multiplier = 10_000
      } else {
        multiplier = 1
      }
      if let ceiling {
        guard multiplier < ceiling, !part.overflowed, part.value < ceiling / multiplier else {
          return .failure(.malformed)
        }
      }
      total.add(part, times: multiplier)
      if multiplier == 1 { break }
      ceiling = multiplier
    }
    _ = scanner.take(ByteScanner.yen)
    guard sawPart, scanner.isAtEnd else { return .failure(.malformed) }
    return bounded(total, maximum: maximum)
  }

  /// The value of a cell of 1 to 18 ASCII digits, the shape most numeric cells have; nil
  /// for any other bytes. Such a cell means the same as a count, a decimal or an amount of
  /// yen (no separator, point or unit to read), NFKC leaves it as it is, and 18 digits
  /// cannot overflow an `Int64`.
  @inline(__always)
  static func plainDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
    guard (1...18).contains(bytes.count) else { return nil }
    var value: Int64 = 0
    for byte in bytes {
      let digit = byte &- 0x30
      guard digit <= 9 else { return nil }
      value = value &* 10 &+ Int64(digit)  // below 10^18: never wraps
    }
    return value
  }

  /// `value` as a number of a column whose values are at most `maximum`.
  @inline(__always)
  static func bounded(_ value: Int64, maximum: ExactNumber) -> Result<ExactNumber, CellFailure> {
    let number = ExactNumber(value)
    return number > maximum ? .failure(.outOfRange) : .success(number)
  }

  private static func bounded(
    _ run: DigitRun, maximum: ExactNumber
  ) -> Result<ExactNumber, CellFailure> {
    guard !run.overflowed, let small = Int64(exactly: run.value) else {
      return .failure(.outOfRange)
    }
    let value = ExactNumber(small)
    return value > maximum ? .failure(.outOfRange) : .success(value)
  }
}
