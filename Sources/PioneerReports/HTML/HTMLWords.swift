import PioneerRules

/// The HTML page's own words: headings, column titles, legends. Policy words (criterion
/// wording, outcome and tier labels, the award's name, size classes) are never here: they
/// come from the rule set, so a new year's rule file renames them everywhere at once.
enum HTMLWords {
  static let screening = Label(ja: "審査結果", en: "screening")
  static let selection = Label(ja: "選定結果", en: "selection")
  static let contents = Label(ja: "目次", en: "Contents")
  static let summary = Label(ja: "集計", en: "Summary")
  static let byOutcome = Label(ja: "結果別の件数", en: "Applicants by outcome")
  static let byCriterion = Label(
    ja: "基準別の「満たさない」「判定不能」の件数", en: "Failed and unknown results by criterion")
  static let outcome = Label(ja: "結果", en: "outcome")
  static let count = Label(ja: "件数", en: "count")
  static let criterion = Label(ja: "基準", en: "criterion")
  static let wording = Label(ja: "内容", en: "wording")
  static let unknownMember = Label(ja: "不明", en: "unknown")
  static let total = Label(ja: "計", en: "total")
  static let sectionList = Label(ja: "選定一覧", en: "Selection list")
  static let rank = Label(ja: "順位", en: "rank")
  static let score = Label(ja: "得点", en: "score")
  static let reviews = Label(ja: "審査数", en: "reviews")
  static let id = Label(ja: "応募ID", en: "id")
  static let name = Label(ja: "企業・団体名", en: "name")
  static let line = Label(ja: "行", en: "line")
  static let note = Label(ja: "備考", en: "note")
  static let tie = Label(ja: "同点", en: "tie")
  static let tieExplained = Label(
    ja: "同点のため定数を超えて選定（委員会で確認）",
    en: "tied at the boundary: more than N listed, for the committee")
  static let none = Label(ja: "該当なし", en: "none")
  static let reviewIssues = Label(ja: "審査票の無効・無視した行", en: "Review rows invalid or ignored")
  static let invalidRow = Label(ja: "無効", en: "invalid")
  static let ignoredRow = Label(ja: "無視", en: "ignored")
  static let message = Label(ja: "内容", en: "message")
  static let applicantTable = Label(ja: "応募者一覧", en: "Applicants")
  static let failedOrUnknown = Label(ja: "満たさない・不明な基準", en: "failed or unknown criteria")
  static let cards = Label(ja: "応募者ごとの判定理由", en: "Each applicant's explanation")
  static let show = Label(ja: "表示:", en: "show:")
  static let all = Label(ja: "すべて", en: "all")
  static let audit = Label(ja: "監査情報", en: "Audit")
  static let reviewsSHA256 = Label(ja: "審査票のSHA-256", en: "reviews SHA-256")
  static let referenceDate = Label(ja: "基準日", en: "reference date")
  static let reasoning = Label(ja: "判定", en: "test")
  static let missing = Label(ja: "判定を妨げる未入力", en: "blocked by missing")
  static let fix = Label(ja: "満たすには", en: "to pass")
  static let source = Label(ja: "出典", en: "source")
  static let notEvaluated = Label(
    ja: "この行は無効のため評価していません", en: "This row is invalid and was not evaluated")
  static let chartFailed = Label(ja: "満たさない", en: "failed")
  static let chartUnknown = Label(ja: "判定不能", en: "unknown")
  static let chartNote = Label(
    ja: "棒の右の数字が件数です（白黒印刷でも読めます）。",
    en: "The number to the right of each bar is the count (legible in black and white).")
  static let applicantsTotal = Label(ja: "応募者", en: "applicants")

  /// `N 行目` / `line N`.
  static func lineNumber(_ line: Int, _ language: Language) -> String {
    language == .ja ? "\(line) 行目" : "line \(line)"
  }
}
