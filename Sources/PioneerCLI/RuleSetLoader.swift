import Foundation
import PioneerRules

/// Finds the rule set a command applies: `--rules FILE`, else the newest built-in one.
enum RuleSetLoader {
  static func load(_ path: String?) throws(CommandFailure) -> RuleSet {
    let name: String
    let text: String
    if let path {
      guard let data = FileManager.default.contents(atPath: path),
        let decoded = String(data: data, encoding: .utf8)
      else { throw .cannotReadRules(path: path) }
      name = path
      text = decoded
    } else {
      guard let newest = EmbeddedRules.files.last else { throw .cannotReadRules(path: "Rules/") }
      name = newest.name
      text = newest.text
    }
    do {
      return try RuleSet.load(text: text, name: name)
    } catch {
      throw .rules(error)
    }
  }
}
