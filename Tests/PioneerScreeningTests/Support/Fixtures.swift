import Foundation
import PioneerRules

/// Paths and the 令和3年度 rule set, shared by the screening tests.
enum Fixtures {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func path(_ relative: String) -> String {
    root.appendingPathComponent(relative).path
  }

  static let ruleSet: RuleSet = {
    let rulesPath = Fixtures.path("Rules/r3.rules")
    let text = (try? String(contentsOfFile: rulesPath, encoding: .utf8)) ?? ""
    do {
      return try RuleSet.load(text: text, name: "Rules/r3.rules")
    } catch {
      fatalError("\(error)")
    }
  }()

  static var award: AwardSettings {
    guard let award = ruleSet.award else { fatalError("r3 has no award") }
    return award
  }
}
