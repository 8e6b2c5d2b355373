import PioneerRules

/// What a report must say so that its decisions can be reproduced years later: which rules
/// (and their exact bytes), which input (and its exact bytes), which reference date, which
/// tool.
public struct AuditRecord: Sendable {
  public let ruleSetName: String
  public let ruleSetLabel: Label
  public let ruleSetFile: String
  public let fiscalYear: Int?
  public let ruleSetSHA256: String
  public let inputPath: String
  public let inputSHA256: String
  public let encoding: String
  public let rows: Int
  public let evaluated: Int
  public let invalid: Int
  public let skippedBlank: Int
  /// The reference date for rows with no 応募日.
  public let referenceDate: CivilDate
  public let toolVersion: String

  public init(
    ruleSet: RuleSet, inputPath: String, summary: ScreeningSummary, referenceDate: CivilDate,
    toolVersion: String
  ) {
    ruleSetName = ruleSet.name
    ruleSetLabel = ruleSet.label
    ruleSetFile = ruleSet.source.name
    fiscalYear = ruleSet.fiscalYear
    ruleSetSHA256 = AuditRecord.sha256(of: ruleSet)
    self.inputPath = inputPath
    inputSHA256 = summary.inputSHA256
    encoding = summary.encoding
    rows = summary.rows
    evaluated = summary.evaluated
    invalid = summary.invalid
    skippedBlank = summary.skippedBlank
    self.referenceDate = referenceDate
    self.toolVersion = toolVersion
  }

  /// The SHA-256 of the rule file's text as UTF-8.
  public static func sha256(of ruleSet: RuleSet) -> String {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: ruleSet.source.scalars)
    return SHA256.hexDigest(of: Array(String(view).utf8))
  }

  /// The block as labelled lines, in a fixed order, for every report format.
  public func fields(_ language: Language) -> [(key: String, label: String, value: String)] {
    let ja = language == .ja
    return [
      ("rule_set", ja ? "ルールセット" : "rule set", "\(ruleSetName) \(ruleSetLabel.text(language))"),
      ("rule_set_file", ja ? "ルールファイル" : "rule file", ruleSetFile),
      ("fiscal_year", ja ? "年度" : "fiscal year", fiscalYear.map(String.init) ?? ""),
      ("rule_set_sha256", ja ? "ルールのSHA-256" : "rule set SHA-256", ruleSetSHA256),
      ("input", ja ? "入力ファイル" : "input", inputPath),
      ("input_sha256", ja ? "入力のSHA-256" : "input SHA-256", inputSHA256),
      ("encoding", ja ? "文字コード" : "encoding", encoding),
      ("rows", ja ? "行数" : "rows", String(rows)),
      ("evaluated", ja ? "評価した行" : "evaluated", String(evaluated)),
      ("invalid", ja ? "無効な行" : "invalid", String(invalid)),
      ("skipped_blank", ja ? "空行（読み飛ばし）" : "blank rows skipped", String(skippedBlank)),
      (
        "reference_date", ja ? "基準日（応募日のない行）" : "reference date (rows without 応募日)",
        referenceDate.description
      ),
      ("tool_version", ja ? "ツール" : "tool", toolVersion),
    ]
  }
}
