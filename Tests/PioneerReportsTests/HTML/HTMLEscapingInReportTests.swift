import Foundation
import PioneerReports
import PioneerRules
import Testing

/// Hostile values in the input reach the page only escaped, wherever they appear: applicant
/// table, selection tables, the minister list, card headings, error messages, review issues,
/// the input path in the header and the audit block, ids and attributes.
@Suite struct HTMLEscapingInReportTests {
  static let hostileName = "<script>alert(1)</script>\"'&"
  static let escapedName = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"
  static let hostileID = "\"><img src=x onerror=alert(2)>"

  /// Three applicants with the hostile name (two hyakusen, one of them with the hostile id,
  /// and one invalid), and reviews that rank the two and report hostile ids and reviewers.
  static func files() throws -> (applicants: String, reviews: String) {
    let header = try String(contentsOfFile: HTMLFixture.samples, encoding: .utf8)
      .split(separator: "\n")[0]
    func csv(_ field: String) -> String {
      "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    let tail = "株式会社,39,3億円,1234,1000,400,250,6.5,就業規則本則,あり,なし,はい,2021-09-15"
    let applicants =
      [
        String(header),
        "H-001,\(csv(hostileName)),\(tail)",
        "\(csv(hostileID)),\(csv(hostileName)),\(tail)",
        "H-003,\(csv(hostileName)),株式会社,39,3億円,12.5,1000,400,250,6.5,就業規則本則,あり,なし,はい,2021-09-15",
        "H-004,\(csv(hostileName)),株式会社,39,3億円,1234,1000,400,250,6.5,\(csv(hostileName)),あり,なし,はい,2021-09-15",
      ].joined(separator: "\n") + "\n"
    var reviews = ["応募ID,審査員,経営面での成果,ICTの利活用,地方創生の取組"]
    for reviewer in ["a", "b", "c"] {
      reviews.append("H-001,\(reviewer),5,5,5")
      reviews.append("\(csv(hostileID)),\(reviewer),4,4,4")
    }
    reviews.append("\(csv(hostileName)),a,3,3,3")  // unknown id
    reviews.append("H-001,\(csv(hostileName)),3,3,3")
    reviews.append("H-001,\(csv(hostileName)),3,3,3")  // the same hostile reviewer twice
    reviews.append("H-001,d,\(csv(hostileName)),3,3")  // a hostile score
    let directory = try HTMLFixture.write(applicants, named: "<b>&\"x'.csv")
    let reviewsPath = URL(fileURLWithPath: directory).deletingLastPathComponent()
      .appendingPathComponent("reviews.csv").path
    try Data((reviews.joined(separator: "\n") + "\n").utf8).write(
      to: URL(fileURLWithPath: reviewsPath))
    return (directory, reviewsPath)
  }

  static func pages() throws -> [String] {
    let (applicants, reviews) = try files()
    return [
      try HTMLFixture.screen(applicants),
      try HTMLFixture.select(applicants, reviews: reviews),
      try HTMLFixture.select(applicants, reviews: reviews, language: .en),
    ]
  }

  @Test func hostileNameNeverAppearsRaw() throws {
    for html in try Self.pages() {
      #expect(!html.contains(Self.hostileName))
      #expect(!html.contains("<script"))
      #expect(!html.contains("<img"))
      #expect(!html.contains("<b>"))
      // Every occurrence of the payload is inside the escaped form.
      let payloads = html.components(separatedBy: "alert(1)").count - 1
      let escaped = html.components(separatedBy: "&lt;script&gt;alert(1)&lt;/script&gt;").count - 1
      #expect(payloads > 0)
      #expect(payloads == escaped)
    }
  }

  @Test func hostileNameIsShownEscapedInEveryPlace() throws {
    let pages = try Self.pages()
    let screen = pages[0]
    let select = pages[1]
    // Applicant table and cards (3 rows with the name, 4 counting the invalid telework rule).
    let table =
      HTMLFixture.slice(screen, from: "<section id=\"applicants\">", to: "</section>") ?? ""
    #expect(
      table.components(separatedBy: "<td class=\"name\">\(Self.escapedName)</td>").count - 1 == 4)
    let cards =
      HTMLFixture.slice(screen, from: "<section id=\"cards\">", to: "<section id=\"audit\">") ?? ""
    #expect(
      cards.components(separatedBy: "<span class=\"applicant-name\">\(Self.escapedName)</span>")
        .count - 1 == 4)
    // The minister list and the review issues.
    let list =
      HTMLFixture.slice(select, from: "<section id=\"minister-list\"", to: "</section>") ?? ""
    #expect(
      list.components(separatedBy: "<td class=\"name\">\(Self.escapedName)</td>").count - 1 == 2)
    let issues =
      HTMLFixture.slice(select, from: "<section id=\"review-issues\"", to: "</section>") ?? ""
    #expect(issues.contains(Self.escapedName))
    // The invalid cell value is quoted in its error message, escaped.
    #expect(screen.contains("「\(Self.escapedName)」"))
    // The input path in the header and the audit block.
    #expect(screen.contains("&lt;b&gt;&amp;&quot;x&#39;.csv"))
  }

  @Test func hostileIDIsEscapedInAttributesAndLinks() throws {
    for html in try Self.pages() {
      let scan = MarkupScan(html)
      #expect(scan.problems.isEmpty, "\(scan.problems.prefix(5))")
      #expect(!scan.tags.contains { $0.name == "img" })
      for tag in scan.tags {
        #expect(!tag.attributes.contains { $0.name.lowercased().hasPrefix("on") }, "\(tag.name)")
      }
    }
    let select = try Self.pages()[1]
    // The card id keeps the value (spaces made `_`), escaped; the link points at it.
    let anchor = "applicant-&quot;&gt;&lt;img_src=x_onerror=alert(2)&gt;"
    #expect(select.contains("id=\"\(anchor)\""))
    #expect(select.contains("href=\"#\(anchor)\""))
    #expect(select.contains("data-applicant=\"&quot;&gt;&lt;img src=x onerror=alert(2)&gt;\""))
  }
}
