import PioneerRules

/// A review row that was not counted: invalid (spec §8: a score missing, not a whole number
/// or out of range, an empty reviewer, a reviewer scoring the same applicant twice), or
/// ignored (an unknown 応募ID, an applicant not eligible for the award).
public struct ReviewIssue: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    case missingID
    case missingReviewer(column: Label)
    case missingScore(axis: Label)
    case badScore(axis: Label, text: String, lowest: Int, highest: Int)
    case duplicate(reviewer: String, id: String, firstLine: Int, column: Label)
    case fieldCount(expected: Int, found: Int)
    case unknownApplicant(id: String)
    case notEligible(id: String, outcome: String, tier: Label)
  }

  public let line: Int
  public let kind: Kind

  /// Whether the row was invalid (as opposed to valid but ignored).
  public var isInvalid: Bool {
    switch kind {
    case .unknownApplicant, .notEligible: return false
    default: return true
    }
  }

  /// The message in `language`: the one place these reasons are worded.
  public func message(_ language: Language) -> String {
    let ja = language == .ja
    switch kind {
    case .missingID:
      return ja ? "応募IDが空です" : "the applicant id is empty"
    case .missingReviewer(let column):
      return ja ? "\(column.ja)が空です" : "the \(column.en) is empty"
    case .missingScore(let axis):
      return ja ? "\(axis.ja)の点数がありません" : "no score for \(axis.en)"
    case .badScore(let axis, let text, let low, let high):
      return ja
        ? "\(axis.ja)の点数「\(text)」は \(low)〜\(high) の整数ではありません"
        : "the \(axis.en) score \"\(text)\" is not a whole number from \(low) to \(high)"
    case .duplicate(let reviewer, let id, let firstLine, let column):
      return ja
        ? "\(column.ja)「\(reviewer)」は \(id) を \(firstLine) 行目で採点済みです"
        : "\(column.en) \"\(reviewer)\" already scored \(id) on line \(firstLine)"
    case .fieldCount(let expected, let found):
      return ja
        ? "列の数が見出しと違います（見出し \(expected) 列、この行 \(found) 列）"
        : "the row has \(found) fields but the header has \(expected)"
    case .unknownApplicant(let id):
      return ja ? "応募ID「\(id)」の応募はありません（無視）" : "no application has id \"\(id)\" (ignored)"
    case .notEligible(let id, let outcome, let tier):
      return ja
        ? "\(id) は\(tier.ja)ではありません（結果: \(outcome)、無視）"
        : "\(id) is not \(tier.en) (outcome: \(outcome); ignored)"
    }
  }
}
