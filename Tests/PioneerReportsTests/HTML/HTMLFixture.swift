import Foundation
import PioneerReports
import PioneerRules
import PioneerScreening

/// Renders HTML reports in memory from files, through the same public entry points the CLI
/// uses (`Reports.screening`, `Reports.selection`).
enum HTMLFixture {
  /// The repository root (this file is Tests/PioneerReportsTests/HTML/HTMLFixture.swift).
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let samples = root.appendingPathComponent("Samples/applicants.csv").path
  static let sampleReviews = root.appendingPathComponent("Samples/reviews.csv").path

  static func ruleSet() throws -> RuleSet {
    let path = root.appendingPathComponent("Rules/r3.rules").path
    return try RuleSet.load(text: String(contentsOfFile: path, encoding: .utf8), name: path)
  }

  /// `pioneer screen PATH --format html`.
  static func screen(_ path: String, language: Language = .ja) throws -> String {
    let ruleSet = try ruleSet()
    let context = ReportContext(ruleSet: ruleSet, language: language, asOf: nil)
    let sink = MemorySink()
    let report = Reports.screening("html", context: context, sink: sink)
    try report.begin()
    let summary = try Screener(ruleSet: ruleSet, asOf: nil).screen(path: path) {
      try report.add($0)
    }
    try report.finish(summary: summary, audit: audit(ruleSet, path: path, summary: summary))
    return sink.text
  }

  /// `pioneer select PATH --reviews REVIEWS --format html`.
  static func select(_ path: String, reviews: String, language: Language = .ja) throws -> String {
    let ruleSet = try ruleSet()
    guard let award = ruleSet.award else { throw FixtureError.noAward }
    var applicants: [ScreenedApplicant] = []
    let summary = try Screener(ruleSet: ruleSet, asOf: nil).screen(path: path) {
      applicants.append($0)
    }
    let sheet = try ReviewSheet.read(path: reviews, ruleSet: ruleSet, award: award)
    let selection = Selection(
      applicants: applicants, sheet: sheet, ruleSet: ruleSet, award: award, winners: nil)
    let sink = MemorySink()
    try Reports.selection(
      "html", selection: selection, summary: summary,
      audit: audit(ruleSet, path: path, summary: summary), reviewsSHA256: sheet.sha256,
      context: ReportContext(ruleSet: ruleSet, language: language, asOf: nil), sink: sink)
    return sink.text
  }

  static func audit(_ ruleSet: RuleSet, path: String, summary: ScreeningSummary) -> AuditRecord {
    AuditRecord(
      ruleSet: ruleSet, inputPath: path, summary: summary,
      referenceDate: ruleSet.defaultReferenceDate, toolVersion: "pioneer test")
  }

  enum FixtureError: Error {
    case noAward
  }

  /// Writes `text` to a new file in a fresh temporary directory and returns its path.
  static func write(_ text: String, named name: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("pioneer-html-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  /// Expected rows from Samples/README.md's machine-readable block:
  /// `id,line,outcome,P1..H4,small,size` (the skipped line left out).
  static func expectedSampleRows() throws -> [[String]] {
    let readme = try String(
      contentsOf: root.appendingPathComponent("Samples/README.md"), encoding: .utf8)
    guard let start = readme.range(of: "```csv\n"),
      let end = readme.range(of: "```", range: start.upperBound..<readme.endIndex)
    else { return [] }
    return readme[start.upperBound..<end.lowerBound].split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }.filter { $0.count >= 13 && $0[2] != "skipped" }
  }

  /// The text of the element that carries `attribute` (e.g. `data-count-outcome="hyakusen"`),
  /// up to the next tag.
  static func value(of attribute: String, in html: String) -> String? {
    guard let found = html.range(of: attribute),
      let close = html.range(of: ">", range: found.upperBound..<html.endIndex),
      let next = html.range(of: "<", range: close.upperBound..<html.endIndex)
    else { return nil }
    return String(html[close.upperBound..<next.lowerBound])
  }

  /// Everything from `start` up to the first `end` after it.
  static func slice(_ html: String, from start: String, to end: String) -> String? {
    guard let from = html.range(of: start),
      let to = html.range(of: end, range: from.upperBound..<html.endIndex)
    else { return nil }
    return String(html[from.lowerBound..<to.upperBound])
  }

  /// Every value of `attribute="…"` in document order.
  static func values(of attribute: String, in html: String) -> [String] {
    var values: [String] = []
    var rest = html[...]
    let marker = attribute + "=\""
    while let found = rest.range(of: marker) {
      guard let end = rest.range(of: "\"", range: found.upperBound..<rest.endIndex) else { break }
      values.append(String(rest[found.upperBound..<end.lowerBound]))
      rest = rest[end.upperBound...]
    }
    return values
  }
}

/// A strict reader of the markup the report writes: every `<` must open a known tag whose
/// attributes are `name="value"` (or bare), values without `<`, `>` or `"`; text outside
/// `<style>` must contain no `>` `"` `'`. A value from the input that escaped its escaping
/// would break one of these.
struct MarkupScan {
  struct Tag {
    let name: String
    let attributes: [(name: String, value: String?)]
  }

  var tags: [Tag] = []
  var problems: [String] = []
  var styleText = ""

  init(_ html: String) {
    let chars = Array(html.unicodeScalars)
    var index = 0
    func isNameScalar(_ s: Unicode.Scalar) -> Bool {
      switch s {
      case "a"..."z", "A"..."Z", "0"..."9", "-", ":", "_": return true
      default: return false
      }
    }
    while index < chars.count {
      let scalar = chars[index]
      if scalar != "<" {
        if scalar == ">" || scalar == "\"" || scalar == "'" {
          problems.append("raw \(scalar) in text near offset \(index)")
        }
        index += 1
        continue
      }
      index += 1
      if index < chars.count, chars[index] == "!" {
        // Only the doctype.
        let rest = String(String.UnicodeScalarView(chars[index..<min(index + 14, chars.count)]))
        if !rest.hasPrefix("!doctype html>") { problems.append("unexpected <! at \(index)") }
        index += 14
        continue
      }
      var closing = false
      if index < chars.count, chars[index] == "/" {
        closing = true
        index += 1
      }
      var name = ""
      while index < chars.count, isNameScalar(chars[index]) {
        name.unicodeScalars.append(chars[index])
        index += 1
      }
      if name.isEmpty { problems.append("a < that opens no tag at \(index)") }
      var attributes: [(String, String?)] = []
      while index < chars.count {
        while index < chars.count, chars[index] == " " || chars[index] == "\n" { index += 1 }
        guard index < chars.count else { break }
        if chars[index] == ">" {
          index += 1
          break
        }
        if chars[index] == "/", index + 1 < chars.count, chars[index + 1] == ">" {
          index += 2
          break
        }
        var attribute = ""
        while index < chars.count, isNameScalar(chars[index]) {
          attribute.unicodeScalars.append(chars[index])
          index += 1
        }
        if attribute.isEmpty {
          problems.append("unexpected \(chars[index]) inside <\(name)> at \(index)")
          index += 1
          continue
        }
        var value: String?
        if index < chars.count, chars[index] == "=" {
          index += 1
          guard index < chars.count, chars[index] == "\"" else {
            problems.append("unquoted value of \(attribute) in <\(name)>")
            continue
          }
          index += 1
          var text = ""
          while index < chars.count, chars[index] != "\"" {
            if chars[index] == "<" || chars[index] == ">" {
              problems.append("raw \(chars[index]) in \(attribute)=\"…\" of <\(name)>")
            }
            text.unicodeScalars.append(chars[index])
            index += 1
          }
          index += 1
          value = text
        }
        attributes.append((attribute, value))
      }
      if !closing { tags.append(Tag(name: name.lowercased(), attributes: attributes)) }
      if name.lowercased() == "style" && !closing {
        // The style sheet is the page's own text: read it verbatim up to </style>.
        var text = ""
        while index < chars.count {
          if chars[index] == "<" {
            let ahead = String(String.UnicodeScalarView(chars[index..<min(index + 8, chars.count)]))
            if ahead == "</style>" { break }
            problems.append("< inside <style>")
          }
          text.unicodeScalars.append(chars[index])
          index += 1
        }
        styleText = text
      }
    }
  }
}
