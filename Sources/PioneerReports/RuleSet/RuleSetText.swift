import PioneerRules

/// `pioneer check`: what a rule set holds, with its criteria as a table.
public enum RuleSetText {
  public static func render(_ ruleSet: RuleSet, language: Language) -> String {
    let ja = language == .ja
    var out = "\(ruleSet.source.name): " + (ja ? "問題ありません" : "OK") + "\n"
    out += "\(ruleSet.name)  \(ruleSet.label.text(language))\n"
    if let year = ruleSet.fiscalYear { out += (ja ? "年度: " : "fiscal year: ") + "\(year)\n" }
    out += (ja ? "基準日の既定値: " : "default reference date: ") + "\(ruleSet.defaultReferenceDate)\n"
    out += (ja ? "入力列: " : "inputs: ") + "\(ruleSet.schema.inputs.count)  "
    out += (ja ? "パラメータ: " : "parameters: ") + "\(ruleSet.parameters.count)  "
    out += (ja ? "整合性チェック: " : "consistency checks: ") + "\(ruleSet.checks.count)\n\n"
    let header = ja ? ["階層", "ID", "基準", "出典"] : ["tier", "id", "criterion", "source"]
    var rows = [header]
    for criterion in ruleSet.criteria {
      let tier = ruleSet.tiers[criterion.tier]
      rows.append([
        ja ? tier.shortLabel : tier.name, criterion.id, criterion.label.text(language),
        criterion.citation,
      ])
    }
    let widths = (0..<3).map { column in rows.map { TerminalWidth.width(of: $0[column]) }.max() ?? 0
    }
    for row in rows {
      out += (0..<3).map { TerminalWidth.pad(row[$0], to: widths[$0]) }.joined(separator: "  ")
      out += "  " + row[3] + "\n"
    }
    out += "\n" + (ja ? "パラメータ" : "parameters") + "\n"
    let formatter = ValueFormatter(ruleSet: ruleSet, language: language)
    for parameter in ruleSet.parameters {
      out += "  \(parameter.name) = \(formatter.text(parameter.value, type: parameter.type))  "
      out += parameter.label.text(language) + "\n"
    }
    return out
  }
}
