import PioneerRecords
import PioneerReports
import PioneerRules

/// Why a command stopped; the exit status and the message come from here only.
public enum CommandFailure: Error {
  case usage(UsageError)
  case rules(RuleSetError)
  case cannotReadRules(path: String)
  case input(FileError)
  case output(String)
  case notFound(id: String, path: String)
  case noAward(ruleSet: String)
  case mismatch([String])
  case badReport(path: String, reason: String)

  /// 2 for a usage error, 1 for everything rejected as a whole.
  public var exitStatus: Int32 {
    if case .usage = self { return 2 }
    return 1
  }

  public func message(_ language: Language) -> String {
    let ja = language == .ja
    switch self {
    case .usage(let error):
      return "pioneer: \(error.message)"
    case .rules(let error):
      return String(describing: error)
    case .cannotReadRules(let path):
      return ja ? "\(path): ルールファイルを読めません" : "\(path): cannot read the rule file"
    case .input(let error):
      return error.message(language)
    case .output(let message):
      return message
    case .notFound(let id, let path):
      return ja ? "\(path): 応募ID「\(id)」の行がありません" : "\(path): no applicant has id \"\(id)\""
    case .noAward(let ruleSet):
      return ja
        ? "\(ruleSet): ルールセットに award の定義がありません"
        : "\(ruleSet): the rule set declares no award"
    case .mismatch(let differences):
      let head =
        ja ? "レポートが入力とルールの結果と一致しません:" : "the report does not match what the input and rules give:"
      return ([head] + differences.prefix(20).map { "  " + $0 }).joined(separator: "\n")
    case .badReport(let path, let reason):
      return ja ? "\(path): レポートを読めません（\(reason)）" : "\(path): cannot read the report (\(reason))"
    }
  }
}
