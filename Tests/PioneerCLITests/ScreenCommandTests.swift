import Foundation
import Testing

/// `pioneer screen` on the samples, run as a user would run the built binary.
@Suite(.serialized) struct ScreenCommandTests {
  @Test func jsonReportMatchesTheSampleExpectationsRowByRow() throws {
    let result = try PioneerBinary.run([
      "screen", "Samples/applicants.csv", "--format", "json", "--lang", "en",
    ])
    #expect(result.status == 0)
    let applicants = try PioneerBinary.json(result.output)["applicants"] as? [[String: Any]] ?? []
    let expected = try PioneerBinary.expectedSampleRows()
    #expect(applicants.count == 47)
    #expect(expected.count == applicants.count)
    for (row, applicant) in zip(expected, applicants) {
      #expect(applicant["id"] as? String == row[0])
      #expect(applicant["line"] as? Int == Int(row[1]))
      #expect(applicant["outcome"] as? String == row[2], "\(row[0])")
      let criteria = applicant["criteria"] as? [String: String] ?? [:]
      if row[2] == "invalid" {
        #expect(criteria.isEmpty)
        #expect(!(applicant["errors"] as? [String] ?? []).isEmpty)
        continue
      }
      let words = ["P1", "P2", "P3", "P4", "H1", "H2", "H3", "H4"].map { criteria[$0] ?? "-" }
      #expect(words == Array(row[3...10]), "\(row[0])")
      let small = applicant["small_business"]
      let smallText = (small as? Bool).map { $0 ? "true" : "false" } ?? "null"
      #expect(smallText == row[11], "\(row[0]) small_business")
      #expect((applicant["size_class"] as? String ?? "unknown") == row[12], "\(row[0]) size_class")
    }
  }

  @Test func cp932FileGivesTheSameResultAsUTF8() throws {
    let utf8 = try PioneerBinary.run(["screen", "Samples/applicants.csv", "--format", "outcomes"])
    let cp932 = try PioneerBinary.run([
      "screen", "Samples/applicants-cp932.csv", "--format", "outcomes",
    ])
    #expect(utf8.status == 0 && cp932.status == 0)
    #expect(!utf8.output.isEmpty)
    #expect(utf8.output == cp932.output)
    let names = try PioneerBinary.run([
      "screen", "Samples/applicants-cp932.csv", "--format", "json", "--lang", "en",
    ])
    #expect(names.text.contains("髙橋食品工業株式会社"))
  }

  @Test func csvOpensInJapaneseExcelWithBOMAndCRLF() throws {
    let result = try PioneerBinary.run(["screen", "Samples/applicants.csv", "--format", "csv"])
    #expect(result.status == 0)
    #expect(Array(result.output.prefix(3)) == [0xEF, 0xBB, 0xBF])
    #expect(result.text.contains("応募ID,行,結果,P1,P2,P3,P4,H1,H2,H3,H4,小規模企業者,企業規模,企業・団体名,エラー\r\n"))
    #expect(result.text.contains("A-003,4,先駆者,"))
    let english = try PioneerBinary.run([
      "screen", "Samples/applicants.csv", "--format", "csv", "--lang", "en",
    ])
    #expect(
      english.text.contains(
        "id,line,outcome,P1,P2,P3,P4,H1,H2,H3,H4,small_business,size_class,name,errors\r\n"))
    #expect(
      english.text.contains("A-003,4,pioneer,pass,pass,pass,pass,fail,pass,pass,pass,yes,small,"))
  }

  @Test func csvHasOneHeaderAndOneLinePerApplicantThenTheAuditBlock() throws {
    let result = try PioneerBinary.run([
      "screen", "Samples/applicants.csv", "--format", "csv", "--lang", "en",
    ])
    // Rows end in CRLF; the line break inside one quoted name is a bare LF, so splitting on
    // CRLF gives one element per record: the header, 47 applicants, then the blank line.
    let lines = result.text.components(separatedBy: "\r\n")
    let header = lines.filter {
      $0.hasSuffix("id,line,outcome,P1,P2,P3,P4,H1,H2,H3,H4,small_business,size_class,name,errors")
    }
    #expect(header.count == 1)
    #expect(lines.filter { $0.hasPrefix("A-") || $0.hasPrefix(",45,") }.count == 47)
    #expect(lines[1].hasPrefix("A-001,2,hyakusen,"))
    let blank = lines.firstIndex(of: "") ?? 0
    #expect(blank == 48)
    #expect(lines[(blank + 1)...].filter { !$0.isEmpty }.allSatisfy { $0.hasPrefix("#audit,") })
  }

  @Test func tableShowsOutcomeAndShortReasonInBothLanguages() throws {
    let ja = try PioneerBinary.run(["screen", "Samples/applicants.csv", "--format", "table"])
    #expect(ja.text.contains("A-003"))
    #expect(ja.text.contains("先駆者"))
    #expect(ja.text.contains("H1✗ テレワーク対象従業員数 1人 → 2人 で満たす"))
    #expect(ja.text.contains("集計: 百選 19, 先駆者 6, 不選定 5, 判定不能 8, 無効 9"))
    let en = try PioneerBinary.run([
      "screen", "Samples/applicants.csv", "--format", "table", "--lang", "en",
    ])
    #expect(en.text.contains("H1✗ employees covered by telework 1 → 2 would pass"))
    #expect(
      en.text.contains(
        "summary: hyakusen 19, pioneer 6, not_selected 5, indeterminate 8, invalid 9"))
  }

  @Test func markdownAndHTMLCarryTheResultsAndTheAuditBlock() throws {
    for language in ["ja", "en"] {
      let md = try PioneerBinary.run([
        "screen", "Samples/applicants.csv", "--format", "md", "--lang", language,
      ])
      #expect(md.status == 0)
      #expect(md.text.contains("| 4 | A-003 |"))
      #expect(md.text.contains("SHA-256"))
      let html = try PioneerBinary.run([
        "screen", "Samples/applicants.csv", "--format", "html", "--lang", language,
      ])
      #expect(html.status == 0)
      #expect(html.text.hasPrefix("<!doctype html>"))
      #expect(html.text.contains("Content-Security-Policy"))
      #expect(html.text.contains("A-003"))
    }
  }

  @Test func everyReportFormatCarriesTheAuditBlock() throws {
    let json = try PioneerBinary.run(["screen", "Samples/applicants.csv", "--format", "json"])
    let audit = try PioneerBinary.json(json.output)["audit"] as? [String: Any] ?? [:]
    #expect(audit["rule_set_name"] as? String == "r3")
    #expect(audit["fiscal_year"] as? Int == 2021)
    #expect((audit["rule_set_sha256"] as? String)?.count == 64)
    #expect((audit["input_sha256"] as? String)?.count == 64)
    #expect(audit["rows"] as? Int == 47)
    #expect(audit["reference_date"] as? String == "2021-10-12")
    #expect(audit["tool_version"] as? String == "pioneer 1.0.0")
    for format in ["csv", "table", "md"] {
      let result = try PioneerBinary.run([
        "screen", "Samples/applicants.csv", "--format", format, "--lang", "en",
      ])
      #expect(result.text.contains(audit["input_sha256"] as? String ?? "?"), "\(format)")
      #expect(result.text.contains(audit["rule_set_sha256"] as? String ?? "?"), "\(format)")
    }
  }

  @Test func standardInputIsReadForDash() throws {
    let data = try Data(
      contentsOf: PioneerBinary.root.appendingPathComponent("Samples/applicants.csv"))
    let piped = try PioneerBinary.run(["screen", "-", "--format", "outcomes"], stdin: data)
    let file = try PioneerBinary.run(["screen", "Samples/applicants.csv", "--format", "outcomes"])
    #expect(piped.status == 0)
    #expect(piped.output == file.output)
  }

  @Test func sameInputGivesByteIdenticalOutputWhateverTheLocaleOrTimeZone() throws {
    var outputs: [Data] = []
    for environment in [
      ["TZ": "UTC", "LC_ALL": "C"], ["TZ": "Asia/Tokyo", "LC_ALL": "ja_JP.UTF-8"],
      ["TZ": "America/Los_Angeles", "LC_ALL": "en_US.UTF-8", "LANG": "de_DE.UTF-8"],
    ] {
      for format in ["json", "csv"] {
        let result = try PioneerBinary.run(
          ["screen", "Samples/applicants.csv", "--format", format], environment: environment)
        outputs.append(result.output)
      }
    }
    #expect(outputs[0] == outputs[2] && outputs[2] == outputs[4])
    #expect(outputs[1] == outputs[3] && outputs[3] == outputs[5])
  }
}
