import PioneerRules

/// The date formats of spec §3.3, read from normalised UTF-8 bytes.
///
/// Western: a four-digit year, then `-`, `/` or `.` (the same twice) or 年…月…日:
/// `2021-09-01`, `2021/9/1`, `2021.9.1`, `2021年9月1日`. Japanese era: 令和/平成/昭和 or
/// R/H/S (either case), a one- or two-digit year or 元, then the same separators:
/// `令和3年9月1日`, `令和元年5月1日`, `R3.9.1`, `R03/09/01`, `H31.4.30`. Months and days take
/// one or two digits.
public enum DateText {
  /// Reads a date cell as written (trimmed and normalised first).
  public static func parse(_ text: String) -> CivilDate? {
    var normalized = CellText.normalize(text)
    return normalized.withUTF8 { try? parse($0).get() }
  }

  /// A date written in ASCII as a four-digit year, `-`, `/` or `.`, and a one- or
  /// two-digit month and day with the same separator (`2021-09-01`, `2021/9/1`): the usual
  /// shape, read without the scanner or the era table. Nil for any other bytes, which
  /// `parse` reads; for these it gives what `parse` gives, and NFKC leaves them as they are.
  static func plainWestern(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<CivilDate, CellFailure>? {
    let count = bytes.count
    // 8 to 10 bytes: `YYYY-M-D` to `YYYY-MM-DD`; indices 0..<8 are then all within.
    guard count >= 8, count <= 10, let base = bytes.baseAddress else { return nil }
    @inline(__always) func digit(_ index: Int) -> Int? {
      let value = base[index] &- 0x30
      return value <= 9 ? Int(value) : nil
    }
    let separator = base[4]
    guard
      separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/")
        || separator == UInt8(ascii: "."),
      let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
      let m0 = digit(5)
    else { return nil }
    var month = m0
    var index = 6
    if let m1 = digit(6) {
      month = m0 * 10 + m1
      index = 7
    }
    // `index` is 6 or 7 and `count` at least 8, so `index` is within; `index + 1` is
    // checked.
    guard base[index] == separator, index + 1 < count, let d0 = digit(index + 1) else {
      return nil
    }
    var day = d0
    index += 2
    if index < count, let d1 = digit(index) {
      day = d0 * 10 + d1
      index += 1
    }
    guard index == count else { return nil }
    let year = ((y0 * 10 + y1) * 10 + y2) * 10 + y3
    guard let date = CivilDate(year: year, month: month, day: day) else {
      return .failure(.noSuchDate)
    }
    return .success(date)
  }

  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<CivilDate, CellFailure> {
    var scanner = ByteScanner(bytes)
    let eraIndex = takeEra(&scanner)
    let era = eraIndex.map { JapaneseEra.all[$0] }
    var year: Int
    if era != nil {
      if scanner.take(ByteScanner.first) {
        year = 1
      } else {
        let run = scanner.digits()
        guard (1...2).contains(run.length) else { return .failure(.malformed) }
        year = Int(run.value)
      }
    } else {
      let run = scanner.digits()
      guard run.length == 4 else { return .failure(.malformed) }
      year = Int(run.value)
    }

    let month: Int
    let day: Int
    if scanner.take(ByteScanner.year) {
      guard let m = monthOrDay(&scanner), scanner.take(ByteScanner.month),
        let d = monthOrDay(&scanner), scanner.take(ByteScanner.day)
      else { return .failure(.malformed) }
      (month, day) = (m, d)
    } else {
      guard let separator = scanner.peek(),
        separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/")
          || separator == UInt8(ascii: "."),
        scanner.take(separator), let m = monthOrDay(&scanner), scanner.take(separator),
        let d = monthOrDay(&scanner)
      else { return .failure(.malformed) }
      (month, day) = (m, d)
    }
    guard scanner.isAtEnd else { return .failure(.malformed) }

    if let era, let eraIndex {
      guard year >= 1 else { return .failure(.outsideEra(eraIndex)) }
      year += era.offset
    }
    guard let date = CivilDate(year: year, month: month, day: day) else {
      return .failure(.noSuchDate)
    }
    if let era, let eraIndex, !era.contains(year: year, month: month, day: day) {
      return .failure(.outsideEra(eraIndex))
    }
    return .success(date)
  }

  /// Consumes an era name (令和) or letter (R, r) followed by a digit or 元.
  private static func takeEra(_ scanner: inout ByteScanner) -> Int? {
    for (index, era) in JapaneseEra.all.enumerated() where scanner.take(era.nameBytes) {
      return index
    }
    guard let letter = scanner.peek(), letter >= 0x41 else { return nil }
    let upper = letter >= 0x61 && letter <= 0x7A ? letter - 0x20 : letter
    for (index, era) in JapaneseEra.all.enumerated() where era.letter.asciiValue == upper {
      guard let next = scanner.peek(1), (next >= 0x30 && next <= 0x39) || next == 0xE5 else {
        return nil
      }
      _ = scanner.take(letter)
      return index
    }
    return nil
  }

  private static func monthOrDay(_ scanner: inout ByteScanner) -> Int? {
    let run = scanner.digits()
    guard (1...2).contains(run.length) else { return nil }
    return Int(run.value)
  }
}
