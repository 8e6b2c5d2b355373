import Foundation
import Testing

/// Exit statuses and messages: 0 evaluated, 1 rejected as a whole, 2 usage.
@Suite(.serialized) struct ExitStatusTests {
  @Test func usageErrorsExitTwoWithAMessage() throws {
    let unknown = try PioneerBinary.run(["screen", "Samples/applicants.csv", "--format", "pdf"])
    #expect(unknown.status == 2)
    #expect(unknown.error.contains("invalid value 'pdf' for --format"))
    #expect(try PioneerBinary.run(["frobnicate"]).status == 2)
    #expect(try PioneerBinary.run(["screen"]).status == 2)
    #expect(try PioneerBinary.run(["explain", "Samples/applicants.csv"]).status == 2)
  }

  @Test func missingFileExitsOneNamingTheFile() throws {
    let result = try PioneerBinary.run(["screen", "no/such/file.csv"])
    #expect(result.status == 1)
    #expect(result.error.contains("no/such/file.csv"))
    #expect(result.output.isEmpty)
  }

  @Test func headerWithoutRequiredColumnsIsRejectedListingWhatItFound() throws {
    let directory = try PioneerBinary.temporaryDirectory()
    let file = directory.appendingPathComponent("bad.csv")
    try Data("名前,従業員\nA,1\n".utf8).write(to: file)
    let result = try PioneerBinary.run(["screen", file.path, "--lang", "en"])
    #expect(result.status == 1)
    #expect(result.error.contains(file.path))
    #expect(result.error.contains("名前"))
    #expect(result.output.isEmpty)
  }

  @Test func brokenRuleFileExitsOneWithFileLineColumnAndCaret() throws {
    let directory = try PioneerBinary.temporaryDirectory()
    let rules = directory.appendingPathComponent("broken.rules")
    let text = try String(
      contentsOf: PioneerBinary.root.appendingPathComponent("Rules/r3.rules"), encoding: .utf8)
    try Data(text.replacingOccurrences(of: "= teleworkers >= 1", with: "= teleworkerz >= 1").utf8)
      .write(to: rules)
    let result = try PioneerBinary.run(["screen", "Samples/applicants.csv", "--rules", rules.path])
    #expect(result.status == 1)
    #expect(result.error.contains("\(rules.path):"))
    #expect(result.error.contains("unknown name 'teleworkerz'; did you mean 'teleworkers'?"))
    #expect(result.error.contains("^~~~"))
  }

  @Test func outputReplacesAtomicallyAndNeverOverwritesAnInput() throws {
    let directory = try PioneerBinary.temporaryDirectory()
    let input = directory.appendingPathComponent("in.csv")
    try FileManager.default.copyItem(
      at: PioneerBinary.root.appendingPathComponent("Samples/applicants.csv"), to: input)
    let before = try Data(contentsOf: input)
    let refused = try PioneerBinary.run(["screen", input.path, "--output", input.path])
    #expect(refused.status == 1)
    #expect(try Data(contentsOf: input) == before)
    let report = directory.appendingPathComponent("out.json")
    let written = try PioneerBinary.run([
      "screen", input.path, "--format", "json", "-o", report.path,
    ])
    #expect(written.status == 0)
    #expect(written.output.isEmpty)
    #expect(try PioneerBinary.json(Data(contentsOf: report))["applicants"] != nil)
    // A rejected run leaves the previous report as it was.
    let failed = try PioneerBinary.run(["screen", "no/such.csv", "-o", report.path])
    #expect(failed.status == 1)
    #expect(try PioneerBinary.json(Data(contentsOf: report))["applicants"] != nil)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    #expect(Set(leftovers) == ["in.csv", "out.json"])
  }

  @Test func helpAndVersion() throws {
    let help = try PioneerBinary.run(["--help"])
    #expect(help.status == 0)
    #expect(help.text.contains("pioneer screen Samples/applicants.csv"))
    let screenHelp = try PioneerBinary.run(["help", "screen"])
    #expect(screenHelp.text.contains("--as-of YYYY-MM-DD"))
    #expect(try PioneerBinary.run(["--version"]).text == "pioneer 1.0.0\n")
  }
}
