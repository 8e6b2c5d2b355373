/// A calendar date in the proleptic Gregorian calendar, with no time and no time zone.
///
/// Award decisions compare dates ("within the past year"), never instants, so the engine
/// never touches `Foundation.Date`, `Calendar` or the machine's time zone: the same input
/// gives the same answer anywhere, on any day.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01.
  public let dayNumber: Int64

  /// The date `year-month-day`, or nil when no such day exists (2021-02-30).
  public init?(year: Int, month: Int, day: Int) {
    guard year >= 1, year <= 9999, month >= 1, month <= 12, day >= 1,
      day <= CivilDate.daysIn(year: year, month: month)
    else { return nil }
    dayNumber = CivilDate.days(fromCivil: Int64(year), Int64(month), Int64(day))
  }

  /// The date with this day number.
  public init(dayNumber: Int64) {
    self.dayNumber = dayNumber
  }

  /// Year, month and day.
  public var components: (year: Int, month: Int, day: Int) {
    let (y, m, d) = CivilDate.civil(fromDays: dayNumber)
    return (Int(y), Int(m), Int(d))
  }

  /// ISO 8601 form, `2021-10-12`.
  public var description: String {
    let (y, m, d) = components
    return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
  }

  public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

  /// The same day `months` months later (earlier when negative); a day past the end of the
  /// target month becomes its last day, so 29 Feb minus one year is 28 Feb.
  public func adding(months: Int) -> CivilDate? {
    let (y, m, d) = components
    let (total, o) = (y * 12 + (m - 1)).addingReportingOverflow(months)
    guard !o else { return nil }
    let year = total >= 0 ? total / 12 : (total - 11) / 12
    let month = total - year * 12 + 1
    guard year >= 1, year <= 9999 else { return nil }
    return CivilDate(
      year: year, month: month, day: min(d, CivilDate.daysIn(year: year, month: month)))
  }

  /// The day `days` days later (earlier when negative).
  public func adding(days: Int) -> CivilDate? {
    let (n, o) = dayNumber.addingReportingOverflow(Int64(days))
    guard !o, let result = Optional(CivilDate(dayNumber: n)),
      (1...9999).contains(result.components.year)
    else { return nil }
    return result
  }

  /// Whether `year` is a leap year.
  public static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  /// Days in the month.
  public static func daysIn(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  // Howard Hinnant's days_from_civil / civil_from_days: exact for every year here.
  private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
    // Clamp so that no arithmetic below can overflow, whatever day number arrives.
    let z = max(min(days, 1 << 40), -(1 << 40)) + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
  }
}

private func pad(_ value: Int, _ width: Int) -> String {
  let text = String(value)
  return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
