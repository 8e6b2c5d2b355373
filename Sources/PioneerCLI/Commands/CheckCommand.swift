import PioneerReports
import PioneerRules

/// `pioneer check [RULES]`: load, check, and list the criteria.
enum CheckCommand {
  static func run(rules: String?, language: Language, console: Console) throws {
    let ruleSet = try RuleSetLoader.load(rules)
    try Pioneer.write(RuleSetText.render(ruleSet, language: language), to: console.standardOutput)
  }
}
