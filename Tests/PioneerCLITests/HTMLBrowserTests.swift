import Foundation
import Testing

/// A headless Chromium, if one is installed: `$CHROMIUM`, else `chromium` or
/// `chromium-browser` on `PATH`. `.ci/install-chromium.sh` installs one (Debian's package).
enum Chromium {
  static let path: String? = {
    let environment = ProcessInfo.processInfo.environment
    if let explicit = environment["CHROMIUM"], !explicit.isEmpty {
      return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil
    }
    let directories = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
    for name in ["chromium", "chromium-browser"] {
      for directory in directories {
        let candidate = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      }
    }
    return nil
  }()

  /// CI sets CI=true and installs Chromium, so there its absence is a failure, not a skip.
  static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

  struct Result {
    let status: Int32
    let output: String
    let error: String
  }

  /// Runs Chromium headless with `arguments` (after the common flags), killing it after
  /// `timeout` seconds so a hung browser cannot stall the test run.
  static func run(_ executable: String, _ arguments: [String], profile: URL, timeout: Int = 120)
    throws -> Result
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    // The brief's flags, a private profile (parallel runs must not share one) and the log
    // on stderr, where Chromium reports Content-Security-Policy violations.
    process.arguments =
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)",
        "--no-first-run", "--enable-logging=stderr", "--v=0",
      ] + arguments
    let result = try PioneerBinary.capture(process, timeout: timeout)
    return Result(status: result.status, output: result.text, error: result.error)
  }

  /// The Chromium to use; records a failure (under CI, where one must be installed) and
  /// returns nil when there is none.
  static func required() -> String? {
    guard let path else {
      Issue.record(
        "CI=true but no Chromium (CHROMIUM, chromium, chromium-browser): run .ci/install-chromium.sh"
      )
      return nil
    }
    return path
  }
}

/// The HTML report opened in a real browser: `pioneer select … --format html`, rendered by
/// headless Chromium; the checks read the DOM Chromium built, and a screenshot is kept for
/// people to look at (`${PIONEER_SCREENSHOT_DIR:-/tmp}/pioneer-report.png`).
@Suite(.serialized) struct HTMLBrowserTests {
  // `.enabled(if:)` makes a machine without Chromium report these tests as *skipped*, with
  // the reason below, never as passed. Under CI=true they always run, and a missing
  // Chromium fails them (CI installs it with .ci/install-chromium.sh).
  @Test(
    .enabled(
      if: Chromium.path != nil || Chromium.isCI,
      "needs headless Chromium: set CHROMIUM or run .ci/install-chromium.sh"))
  func selectionReportRendersInChromium() throws {
    guard let chromium = Chromium.required() else { return }
    let directory = try PioneerBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let report = directory.appendingPathComponent("report.html")
    let written = try PioneerBinary.run([
      "select", "Samples/applicants.csv", "--reviews", "Samples/reviews.csv", "--format", "html",
      "-o", report.path,
    ])
    #expect(written.status == 0, "\(written.error)")
    let profile = directory.appendingPathComponent("profile")

    let dump = try Chromium.run(
      chromium, ["--dump-dom", report.absoluteString], profile: profile)
    #expect(dump.status == 0, "\(dump.error.suffix(2000))")
    let dom = dump.output
    #expect(dom.contains("<html lang=\"ja\">"))
    // The page's own style sheet passes its Content-Security-Policy (the hash matches), and
    // nothing else tried to load.
    #expect(!dump.error.contains("Content Security Policy"), "\(dump.error.suffix(2000))")

    // Outcome counts, each beside its label from the rule set.
    for (label, code, count) in [
      ("百選", "hyakusen", 19), ("先駆者", "pioneer", 6), ("不選定", "not_selected", 5),
      ("判定不能", "indeterminate", 8), ("無効", "invalid", 9),
    ] {
      let pattern =
        ">\(label)</span></th><td class=\"num count-big\" data-count-outcome=\"\(code)\">\(count)</td>"
      #expect(dom.contains(pattern), "\(label) \(count)")
    }

    // The minister's list: A-001 first … tied at rank 5, flagged.
    let list = section(dom, id: "minister-list")
    let rows = list.components(separatedBy: "<tr").dropFirst().filter {
      $0.contains("data-applicant=")
    }
    let ids = rows.map { attribute("data-applicant", in: $0) }
    #expect(ids == ["A-001", "A-006", "A-007", "A-035", "A-002", "A-018"])
    #expect(rows.map { attribute("data-rank", in: $0) } == ["1", "2", "3", "4", "5", "5"])
    #expect(rows.first.map { attribute("data-score", in: $0) } == "14.00")
    let tied = rows.filter { $0.hasPrefix(" class=\"tie\"") }.map {
      attribute("data-applicant", in: $0)
    }
    #expect(tied == ["A-002", "A-018"])
    #expect(list.contains("<span class=\"tie-flag\">同点</span>"))

    // An applicant's explanation: A-003 fails H1, and the card says how to pass.
    let card = slice(dom, from: "id=\"applicant-A-003\"", to: "</article>")
    #expect(card.contains("data-criterion=\"H1\" data-result=\"fail\""))
    #expect(card.contains("テレワーク対象従業員数 1人 → 2人 で満たす"))

    // A screenshot for people: non-trivial, and kept where CI and reviewers can see it.
    let screenshot = directory.appendingPathComponent("report.png")
    let shot = try Chromium.run(
      chromium,
      ["--screenshot=\(screenshot.path)", "--window-size=1280,2000", report.absoluteString],
      profile: profile)
    #expect(shot.status == 0, "\(shot.error.suffix(2000))")
    let png = (try? Data(contentsOf: screenshot)) ?? Data()
    #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    // A blank 1280×2000 page compresses to a few kilobytes; this one has text and charts.
    #expect(png.count > 50_000, "screenshot is only \(png.count) bytes")
    let keep = URL(
      fileURLWithPath: ProcessInfo.processInfo.environment["PIONEER_SCREENSHOT_DIR"] ?? "/tmp"
    ).appendingPathComponent("pioneer-report.png")
    try? FileManager.default.removeItem(at: keep)
    try FileManager.default.copyItem(at: screenshot, to: keep)
  }

  @Test(
    .enabled(
      if: Chromium.path != nil || Chromium.isCI,
      "needs headless Chromium: set CHROMIUM or run .ci/install-chromium.sh"))
  func englishScreeningReportRendersInChromium() throws {
    guard let chromium = Chromium.required() else { return }
    let directory = try PioneerBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let report = directory.appendingPathComponent("screen.html")
    let written = try PioneerBinary.run([
      "screen", "Samples/applicants.csv", "--format", "html", "--lang", "en", "-o", report.path,
    ])
    #expect(written.status == 0, "\(written.error)")
    let dump = try Chromium.run(
      chromium, ["--dump-dom", report.absoluteString],
      profile: directory.appendingPathComponent("profile"))
    #expect(dump.status == 0)
    #expect(!dump.error.contains("Content Security Policy"), "\(dump.error.suffix(2000))")
    let dom = dump.output
    #expect(dom.contains("<html lang=\"en\">"))
    let table = section(dom, id: "applicants")
    #expect(table.components(separatedBy: "<tr class=\"filterable\"").count - 1 == 47)
    #expect(dom.components(separatedBy: "<article class=\"card").count - 1 == 47)
    #expect(dom.contains("data-count-outcome=\"hyakusen\">19<"))
    let card = slice(dom, from: "id=\"applicant-A-003\"", to: "</article>")
    #expect(card.contains("to pass: "))
  }

  private func section(_ dom: String, id: String) -> String {
    slice(dom, from: "<section id=\"\(id)\"", to: "</section>")
  }

  private func slice(_ text: String, from start: String, to end: String) -> String {
    guard let from = text.range(of: start),
      let to = text.range(of: end, range: from.upperBound..<text.endIndex)
    else { return "" }
    return String(text[from.lowerBound..<to.upperBound])
  }

  private func attribute(_ name: String, in text: String) -> String {
    guard let start = text.range(of: "\(name)=\""),
      let end = text.range(of: "\"", range: start.upperBound..<text.endIndex)
    else { return "" }
    return String(text[start.upperBound..<end.lowerBound])
  }
}

/// Same input ⇒ identical bytes, across processes: each run of the binary gets a new hash
/// seed, so an HTML writer that iterated a dictionary would differ between the two runs.
@Suite struct HTMLDeterminismTests {
  @Test func twoRunsOfTheBinaryWriteIdenticalHTML() throws {
    for arguments in [
      ["select", "Samples/applicants.csv", "--reviews", "Samples/reviews.csv", "--format", "html"],
      ["screen", "Samples/applicants.csv", "--format", "html", "--lang", "en"],
    ] {
      let first = try PioneerBinary.run(arguments)
      let second = try PioneerBinary.run(arguments)
      #expect(first.status == 0 && second.status == 0)
      #expect(first.output.count > 100_000)
      #expect(first.output == second.output, "\(arguments[0])")
    }
  }
}
