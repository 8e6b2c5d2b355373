import Foundation
import Testing

@testable import PioneerRules

/// Rule-file fixtures in the jlox style: each file under `Fixtures/broken/` names every
/// diagnostic it must produce in comments `# expect error: LINE:COL: message`; each file under
/// `Fixtures/valid/` must load.
struct RuleFixture: CustomTestStringConvertible, Sendable {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// The path under `Fixtures/`, also the file name in rendered errors (`broken/cycle.rules`).
  let path: String
  let text: String

  var testDescription: String { path }

  /// Every `.rules` file under `Fixtures/<folder>/`, by name.
  static func all(in folder: String) -> [RuleFixture] {
    let url = directory.appendingPathComponent(folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    return names.filter { $0.hasSuffix(".rules") }.sorted().compactMap { name in
      guard
        let text = try? String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
      else { return nil }
      return RuleFixture(path: "\(folder)/\(name)", text: text)
    }
  }

  static func named(_ path: String) -> RuleFixture? {
    let folder = String(path.prefix { $0 != "/" })
    return all(in: folder).first { $0.path == path }
  }

  /// The `LINE:COL: message` of each `# expect error:` comment, in file order.
  var expectations: [String] {
    let marker = "# expect error: "
    return text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
      guard let range = line.range(of: marker) else { return nil }
      return String(line[range.upperBound...])
    }
  }

  /// Loads the fixture as the engine would load a rule file.
  func load() -> Result<RuleSet, RuleSetError> {
    Result { () throws(RuleSetError) in try RuleSet.load(text: text, name: path) }
  }

  /// The text of a 1-based line.
  func line(_ number: Int) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return number >= 1 && number <= lines.count ? String(lines[number - 1]) : ""
  }
}

/// Terminal columns of a text, counting East Asian wide characters as two: written here
/// independently of `DiagnosticRenderer` so that the caret's place is checked, not assumed.
func terminalWidth(_ text: String) -> Int {
  text.unicodeScalars.reduce(0) { width, scalar in
    let v = scalar.value
    let wide =
      (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v)
      || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
      || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
      || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
    return width + (wide ? 2 : 1)
  }
}
