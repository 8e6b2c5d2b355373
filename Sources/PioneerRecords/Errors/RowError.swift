import PioneerRules

/// Why a row is invalid (spec §7). An invalid row is reported with every reason, never
/// dropped and never evaluated.
public enum RowError: Error, Hashable, Sendable {
  /// The row has a different number of fields than the header (extra empty ones aside).
  case fieldCount(expected: Int, found: Int)
  /// The id column (応募ID) is empty.
  case missingID(column: Label)
  /// The name column (企業・団体名) is empty.
  case missingName(column: Label)
  /// The id repeats that of the row starting at `firstLine`, which stays valid.
  case duplicateID(id: String, firstLine: Int)
  /// A cell cannot be read as its column's type.
  case cell(CellError)

  /// The message shown to people; the one place these reasons are worded.
  public func message(_ language: Language) -> String {
    let ja = language == .ja
    switch self {
    case .fieldCount(let expected, let found):
      return ja
        ? "列の数が見出しと違います（見出し \(expected) 列、この行 \(found) 列）"
        : "the row has \(found) fields but the header has \(expected)"
    case .missingID(let column):
      return ja ? "\(column.ja)が空です" : "\(column.en) is empty"
    case .missingName(let column):
      return ja ? "\(column.ja)が空です" : "\(column.en) is empty"
    case .duplicateID(let id, let firstLine):
      return ja
        ? "応募ID「\(id)」は \(firstLine) 行目と重複しています"
        : "the applicant id \"\(id)\" repeats the one on line \(firstLine)"
    case .cell(let error):
      return error.message(language)
    }
  }
}
