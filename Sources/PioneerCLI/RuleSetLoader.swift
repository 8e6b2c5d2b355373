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
      // The newest built-in rule set: the highest fiscal year, not the last file name
      // (r10 sorts before r3).
      let loaded = EmbeddedRules.files.compactMap {
        try? RuleSet.load(text: $0.text, name: $0.name)
      }
      guard let newest = loaded.max(by: { ($0.fiscalYear ?? 0) < ($1.fiscalYear ?? 0) }) else {
        throw .cannotReadRules(path: "Rules/")
      }
      return newest
    }
    do {
      return try RuleSet.load(text: text, name: name)
    } catch {
      throw .rules(error)
    }
  }
}
