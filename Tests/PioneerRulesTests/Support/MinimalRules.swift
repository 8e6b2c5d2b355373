@testable import PioneerRules

/// A minimal valid rule file to which a test appends the declarations it is about, so that a
/// diagnostic's line is `MinimalRules.firstBodyLine + k` for the body's line `k` (0-based).
enum MinimalRules {
  static let header = """
    ruleset t "テスト" {
      default_reference_date = 2021-10-12
      maximum_count = 1_000
      maximum_decimal = 1_000
      maximum_yen = 1_000
    }
    booleans {
      true = "はい"
      false = "いいえ"
    }
    input applicant_id: text "応募ID" as id
    input name: text "名称" as name
    input flag: boolean "フラグ"
    input staff: count "人数"
    tier pioneer "先駆者" {
      criterion P1 "条件" = flag
    }
    outcomes {
      not_selected "不選定"
      indeterminate "判定不能"
      invalid "無効"
    }

    """

  /// The line on which the body starts.
  static let firstBodyLine = header.split(separator: "\n", omittingEmptySubsequences: false).count

  static func text(_ body: String) -> String { header + body }

  /// Loads `header + body`: the rule set, or the error.
  static func load(_ body: String, name: String = "test.rules") -> Result<RuleSet, RuleSetError> {
    Result { () throws(RuleSetError) in try RuleSet.load(text: text(body), name: name) }
  }

  /// Every diagnostic as `LINE:COL: message`, in the order reported; empty when it loads.
  static func diagnostics(_ body: String) -> [String] {
    diagnostics(ofText: text(body))
  }

  /// Every diagnostic of a whole rule text as `LINE:COL: message`.
  static func diagnostics(ofText text: String, name: String = "test.rules") -> [String] {
    do {
      _ = try RuleSet.load(text: text, name: name)
      return []
    } catch {
      return error.diagnostics.map { diagnostic in
        let (line, column) = error.source.location(of: diagnostic.span.start)
        return "\(line):\(column): \(diagnostic.message)"
      }
    }
  }

  /// `LINE:COL: message` for body line `k` (0-based) and column.
  static func at(_ k: Int, _ column: Int, _ message: String) -> String {
    "\(firstBodyLine + k):\(column): \(message)"
  }
}
