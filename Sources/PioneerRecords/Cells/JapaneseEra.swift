import PioneerRules

/// A Japanese era (元号) a date may be written in: a calendar fact, not award policy.
///
/// Year N of an era is Gregorian year `offset + N`, counted from the era's first day
/// (元年 is year 1); a date outside the era's days is not a date of that era.
public struct JapaneseEra: Hashable, Sendable {
  /// The era's name, `令和`.
  public let name: String
  /// Its one-letter abbreviation, `R`.
  public let letter: Character
  /// Its name in English, `Reiwa`.
  public let english: String
  /// Gregorian year = offset + era year.
  public let offset: Int
  /// The first day, as (year, month, day).
  public let first: (year: Int, month: Int, day: Int)
  /// The last day, or nil for the current era.
  public let last: (year: Int, month: Int, day: Int)?
  /// The name's UTF-8 bytes, matched against cells.
  let nameBytes: [UInt8]

  init(
    name: String, letter: Character, english: String, offset: Int,
    first: (year: Int, month: Int, day: Int), last: (year: Int, month: Int, day: Int)?
  ) {
    self.name = name
    self.letter = letter
    self.english = english
    self.offset = offset
    self.first = first
    self.last = last
    nameBytes = Array(name.utf8)
  }

  /// 令和 (2019-05-01–), 平成 (1989-01-08 – 2019-04-30), 昭和 (1926-12-25 – 1989-01-07).
  public static let all: [JapaneseEra] = [
    JapaneseEra(
      name: "令和", letter: "R", english: "Reiwa", offset: 2018, first: (2019, 5, 1), last: nil),
    JapaneseEra(
      name: "平成", letter: "H", english: "Heisei", offset: 1988, first: (1989, 1, 8),
      last: (2019, 4, 30)),
    JapaneseEra(
      name: "昭和", letter: "S", english: "Showa", offset: 1925, first: (1926, 12, 25),
      last: (1989, 1, 7)),
  ]

  /// Whether the Gregorian date `year-month-day` lies within the era.
  func contains(year: Int, month: Int, day: Int) -> Bool {
    let date = (year, month, day)
    guard date >= first else { return false }
    if let last { return date <= last }
    return true
  }

  /// The era's days as text, `1989-01-08 – 2019-04-30`.
  var span: String {
    func iso(_ date: (year: Int, month: Int, day: Int)) -> String {
      CivilDate(year: date.year, month: date.month, day: date.day)?.description ?? ""
    }
    return iso(first) + " – " + (last.map(iso) ?? "")
  }

  /// Eras are the same when their names are.
  public static func == (lhs: JapaneseEra, rhs: JapaneseEra) -> Bool { lhs.name == rhs.name }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(name)
  }
}
