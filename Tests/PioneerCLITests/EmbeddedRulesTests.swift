import Foundation
import Testing

@testable import PioneerCLI

@Suite struct EmbeddedRulesTests {
  /// The tool carries Rules/ inside it; if this fails, run Scripts/embed-rules.sh.
  @Test func builtInRuleSetsAreByteForByteTheFilesInRules() throws {
    let directory = PioneerBinary.root.appendingPathComponent("Rules")
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      .filter { $0.hasSuffix(".rules") }.sorted()
    #expect(EmbeddedRules.files.map(\.name) == files.map { "Rules/" + $0 })
    for (embedded, file) in zip(EmbeddedRules.files, files) {
      let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
      #expect(embedded.text == text, "\(file) differs: run Scripts/embed-rules.sh")
    }
  }
}
