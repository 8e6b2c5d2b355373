import Foundation
import PioneerRules

/// What every fuzz target shares: finding and loading the r3 rule set once at start-up.
enum FuzzSupport {
  /// The text of `Rules/r3.rules`: from `$PIONEER_FUZZ_RULES` when set (Scripts/fuzz.sh
  /// sets it), else found by walking up from the executable's folder and the working folder.
  static func ruleText() -> String {
    let environment = ProcessInfo.processInfo.environment
    var candidates: [String] = []
    if let path = environment["PIONEER_FUZZ_RULES"] { candidates.append(path) }
    for start in [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
      URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
    ] {
      var directory = start.standardizedFileURL
      for _ in 0..<6 {
        candidates.append(directory.appendingPathComponent("Rules/r3.rules").path)
        directory.deleteLastPathComponent()
      }
    }
    for path in candidates {
      if let text = try? String(contentsOfFile: path, encoding: .utf8) { return text }
    }
    fatalError("fuzz: cannot find Rules/r3.rules; set PIONEER_FUZZ_RULES")
  }

  /// The r3 rule set; a start-up failure, not a finding, when it does not load.
  static func ruleSet() -> RuleSet {
    do {
      return try RuleSet.load(text: ruleText(), name: "Rules/r3.rules")
    } catch {
      fatalError("fuzz: Rules/r3.rules does not load:\n\(error)")
    }
  }

  /// A cheap, deterministic hash of the input that picks a run's options, so a saved
  /// crash input replays with the options it failed with.
  static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
    for byte in bytes.prefix(64) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
    return hash
  }
}
