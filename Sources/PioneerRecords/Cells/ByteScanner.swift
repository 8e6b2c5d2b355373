/// A cursor over a normalised cell's UTF-8 bytes, for the typed parsers: no Strings, no
/// allocation, and arithmetic that reports overflow instead of trapping.
struct ByteScanner {
  private let bytes: UnsafeBufferPointer<UInt8>
  private(set) var index = 0

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  var isAtEnd: Bool { index >= bytes.count }

  func peek(_ ahead: Int = 0) -> UInt8? {
    index + ahead < bytes.count ? bytes[index + ahead] : nil
  }

  /// Consumes `byte` if it is next.
  mutating func take(_ byte: UInt8) -> Bool {
    guard peek() == byte else { return false }
    index += 1
    return true
  }

  /// Consumes the three-byte character `word` if it is next.
  mutating func take(_ word: Kanji) -> Bool {
    guard index + 3 <= bytes.count, bytes[index] == word.0, bytes[index + 1] == word.1,
      bytes[index + 2] == word.2
    else { return false }
    index += 3
    return true
  }

  /// Consumes `word` (any UTF-8) if it is next.
  mutating func take(_ word: [UInt8]) -> Bool {
    guard index + word.count <= bytes.count else { return false }
    for (offset, byte) in word.enumerated() where bytes[index + offset] != byte { return false }
    index += word.count
    return true
  }

  /// Consumes one ASCII digit and returns its value.
  mutating func digit() -> UInt8? {
    guard index < bytes.count else { return nil }
    let byte = bytes[index]
    guard byte >= 0x30, byte <= 0x39 else { return nil }
    index += 1
    return byte - 0x30
  }

  /// Consumes a run of ASCII digits (possibly empty).
  mutating func digits() -> DigitRun {
    var run = DigitRun()
    while let digit = digit() { run.push(digit) }
    return run
  }

  /// Consumes `1234` or `1,234,567` (groups of exactly three after the first one to
  /// three digits); nil, with the cursor anywhere, when the grouping is wrong or there is
  /// no digit.
  mutating func groupedInteger() -> DigitRun? {
    var run = digits()
    guard run.length > 0 else { return nil }
    guard peek() == UInt8(ascii: ",") else { return run }
    guard run.length <= 3 else { return nil }
    while take(UInt8(ascii: ",")) {
      let group = digits()
      guard group.length == 3 else { return nil }
      run.append(group: group)
    }
    return run
  }
}

/// Digits read so far: their value (saturated on overflow), count and whether they overflowed.
struct DigitRun {
  private(set) var value: UInt64 = 0
  private(set) var length = 0
  private(set) var overflowed = false

  mutating func push(_ digit: UInt8) {
    length += 1
    let (times, o1) = value.multipliedReportingOverflow(by: 10)
    let (sum, o2) = times.addingReportingOverflow(UInt64(digit))
    if o1 || o2 { overflowed = true } else { value = sum }
  }

  /// Appends a group of three digits (`1,234`: 1 then 234).
  mutating func append(group other: DigitRun) {
    length += other.length
    let (times, o1) = value.multipliedReportingOverflow(by: 1000)
    let (sum, o2) = times.addingReportingOverflow(other.value)
    if o1 || o2 || other.overflowed { overflowed = true } else { value = sum }
  }

  /// Adds `part × multiplier` (`1億2000万`: 1 × 10^8, then 2000 × 10^4).
  mutating func add(_ part: DigitRun, times multiplier: UInt64) {
    length += part.length
    let (times, o1) = part.value.multipliedReportingOverflow(by: multiplier)
    let (sum, o2) = value.addingReportingOverflow(times)
    if o1 || o2 || part.overflowed { overflowed = true } else { value = sum }
  }
}

/// A three-byte UTF-8 character (every kanji the formats use).
typealias Kanji = (UInt8, UInt8, UInt8)

extension ByteScanner {
  static let person: Kanji = (0xE4, 0xBA, 0xBA)  // 人
  static let name: Kanji = (0xE5, 0x90, 0x8D)  // 名
  static let day: Kanji = (0xE6, 0x97, 0xA5)  // 日
  static let yen: Kanji = (0xE5, 0x86, 0x86)  // 円
  static let oku: Kanji = (0xE5, 0x84, 0x84)  // 億
  static let man: Kanji = (0xE4, 0xB8, 0x87)  // 万
  static let year: Kanji = (0xE5, 0xB9, 0xB4)  // 年
  static let month: Kanji = (0xE6, 0x9C, 0x88)  // 月
  static let first: Kanji = (0xE5, 0x85, 0x83)  // 元
}
