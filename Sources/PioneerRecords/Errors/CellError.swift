import PioneerRules

/// A cell that cannot be read as its column's type (spec §3): the row is invalid.
///
/// Carries the column's label, the cell's text as written (trimmed) and what was wrong;
/// `message(_:)` is the one place its wording lives.
public struct CellError: Error, Hashable, Sendable {
  /// The column's label.
  public let column: Label
  /// The cell's text, trimmed but otherwise as written.
  public let text: String
  /// What is wrong with it.
  public let reason: Reason

  /// An error for the cell `text` of the column labelled `column`.
  public init(column: Label, text: String, reason: Reason) {
    self.column = column
    self.text = text
    self.reason = reason
  }

  /// What is wrong with a cell.
  public enum Reason: Hashable, Sendable {
    /// The text is not of the form the column takes.
    case expected(Expectation)
    /// A number above the column's maximum.
    case outOfRange(maximum: ExactNumber)
    /// A decimal with more digits than can be held exactly.
    case tooManyDigits
    /// A well-formed date that does not exist (`2021-02-30`).
    case noSuchDate
    /// A date outside the era it is written in (`平成31年5月1日`).
    case outsideEra(JapaneseEra)
  }

  /// The forms a column accepts, for telling the user what was expected.
  public enum Expectation: Hashable, Sendable {
    case count
    case decimal
    case yen
    case date
    /// A date or one of these words for "none".
    case dateOrNone(noneWords: [String])
    /// One of these words for true or false.
    case boolean(BooleanWords)
    /// One of these spellings.
    case member(of: EnumDeclaration)
    /// A code of this classification.
    case code(of: Classification)
  }

  /// The message shown to people, e.g. `総従業員数: 「12.5」は人数として読めません（…）`.
  public func message(_ language: Language) -> String {
    let ja = language == .ja
    let name = column.text(language)
    let quoted = ja ? "「\(text)」" : "\"\(text)\""
    switch reason {
    case .expected(let expectation):
      return ja
        ? "\(name): \(quoted)は\(describe(expectation, language))として読めません"
        : "\(name): \(quoted) is not \(describe(expectation, language))"
    case .outOfRange(let maximum):
      return ja
        ? "\(name): \(quoted)は範囲外です（上限 \(maximum)）"
        : "\(name): \(quoted) is out of range (maximum \(maximum))"
    case .tooManyDigits:
      return ja
        ? "\(name): \(quoted)は桁数が多すぎて正確に扱えません"
        : "\(name): \(quoted) has too many digits to be held exactly"
    case .noSuchDate:
      return ja
        ? "\(name): \(quoted)という日付は存在しません"
        : "\(name): \(quoted) is not a date that exists"
    case .outsideEra(let era):
      return ja
        ? "\(name): \(quoted)は\(era.name)の期間（\(era.span)）にありません"
        : "\(name): \(quoted) lies outside the \(era.english) era (\(era.span))"
    }
  }

  private func describe(_ expectation: Expectation, _ language: Language) -> String {
    let ja = language == .ja
    switch expectation {
    case .count:
      return ja
        ? "人数（0以上の整数。例: 25、1,234、12人）"
        : "a count (a whole number ≥ 0, e.g. 25, 1,234, 12人)"
    case .decimal:
      return ja
        ? "数値（0以上。例: 4、3.95、4日）"
        : "a number (≥ 0, e.g. 4, 3.95, 4日)"
    case .yen:
      return ja
        ? "金額（0以上の整数の円。例: 300000000、5,000万円、1億2000万）"
        : "an amount of yen (a whole number ≥ 0, e.g. 300000000, 5,000万円, 1億2000万)"
    case .date:
      return ja
        ? "日付（例: 2021-09-01、2021/9/1、2021年9月1日、令和3年9月1日、R3.9.1）"
        : "a date (e.g. 2021-09-01, 2021/9/1, 2021年9月1日, 令和3年9月1日, R3.9.1)"
    case .dateOrNone(let words):
      let list = words.joined(separator: "/")
      return ja
        ? "日付または\(list)（例: 2021-09-01、令和3年9月1日）"
        : "a date or \(list) (e.g. 2021-09-01, 令和3年9月1日)"
    case .boolean(let words):
      let list = (words.trueWords + words.falseWords).joined(separator: "/")
      return ja ? "\(list)のいずれか" : "one of \(list)"
    case .member(let declaration):
      let list = declaration.spellings.joined(separator: "/")
      return ja ? "\(declaration.label.ja)（\(list)のいずれか）" : "one of \(list)"
    case .code(let classification):
      return ja
        ? "\(classification.label.ja)のコード（大分類の英字、または2〜3桁の数字）"
        : "a code of \(classification.label.en) (a major-group letter, or 2–3 digits)"
    }
  }
}
