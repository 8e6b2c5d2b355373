import Foundation
import Testing

/// `pioneer select` on the samples: the expectations are those of Samples/README.md.
@Suite(.serialized) struct SelectCommandTests {
  func selection(_ extra: [String] = []) throws -> [String: Any] {
    let result = try PioneerBinary.run(
      ["select", "Samples/applicants.csv", "--reviews", "Samples/reviews.csv", "--format", "json"]
        + extra)
    #expect(result.status == 0, "\(result.error)")
    return try PioneerBinary.json(result.output)
  }

  func rows(_ json: [String: Any]) -> [[String: Any]] {
    json["selection"] as? [[String: Any]] ?? []
  }

  @Test func ranksTheMinisterAwardWithExactScoresAndFlagsTheBoundaryTie() throws {
    let rows = rows(try selection())
    #expect(rows.count == 47)
    let ministers = rows.filter { $0["outcome"] as? String == "minister" }
      .sorted {
        ($0["rank"] as? Int ?? 0, $0["line"] as? Int ?? 0) < (
          $1["rank"] as? Int ?? 0, $1["line"] as? Int ?? 0
        )
      }
    #expect(
      ministers.map { $0["id"] as? String ?? "" } == [
        "A-001", "A-006", "A-007", "A-035", "A-002", "A-018",
      ])
    #expect(
      ministers.map { $0["score"] as? String ?? "" } == [
        "14.00", "13.33", "13.00", "12.33", "12.00", "12.00",
      ])
    #expect(ministers.map { $0["rank"] as? Int ?? 0 } == [1, 2, 3, 4, 5, 5])
    #expect(
      ministers.map { $0["tie"] as? Bool ?? false } == [false, false, false, false, true, true])
    let a004 = rows.first { $0["id"] as? String == "A-004" && $0["line"] as? Int == 5 }
    #expect(a004?["outcome"] as? String == "hyakusen")
    #expect(a004?["rank"] as? Int == 7)
    #expect(a004?["score"] as? String == "11.75")
  }

  @Test func everyApplicantAppearsOnceInInputOrder() throws {
    let lines = rows(try selection()).map { $0["line"] as? Int ?? 0 }
    #expect(lines == lines.sorted())
    #expect(Set(lines).count == lines.count)
  }

  @Test func tooFewReviewsLeaveAHyakusenUnranked() throws {
    let a022 = rows(try selection()).first { $0["id"] as? String == "A-022" }
    #expect(a022?["outcome"] as? String == "hyakusen")
    #expect(a022?["rank"] is NSNull)
    #expect(a022?["score"] is NSNull)
    #expect(a022?["reviews"] as? Int == 2)
  }

  @Test func invalidAndIgnoredReviewRowsAreReportedWithTheirLines() throws {
    let issues = try selection(["--lang", "en"])["review_issues"] as? [[String: Any]] ?? []
    let byLine = Dictionary(
      issues.map { ($0["line"] as? Int ?? 0, $0) }, uniquingKeysWith: { a, _ in a })
    func message(_ line: Int) -> String { byLine[line]?["message"] as? String ?? "" }
    #expect(Set(byLine.keys) == [9, 17, 34, 35, 36])
    #expect(byLine[17]?["invalid"] as? Bool == true)  // score 6
    #expect(message(17).contains("\"6\""))
    #expect(byLine[34]?["invalid"] as? Bool == true)  // empty reviewer
    #expect(message(36).contains("line 3"))  // duplicate reviewer
    #expect(byLine[35]?["invalid"] as? Bool == false)  // unknown id, ignored
    #expect(message(35).contains("A-099"))
    #expect(byLine[9]?["invalid"] as? Bool == false)  // A-003 is only pioneer, ignored
  }

  @Test func winnersOptionOverridesTheRuleSet() throws {
    let two = rows(try selection(["--minister", "2"])).filter {
      $0["outcome"] as? String == "minister"
    }
    #expect(Set(two.map { $0["id"] as? String ?? "" }) == ["A-001", "A-006"])
    let all = rows(try selection(["--minister", "50"])).filter {
      $0["outcome"] as? String == "minister"
    }
    #expect(all.count == 8)
    #expect(all.allSatisfy { $0["tie"] as? Bool == false })
  }

  @Test func csvSelectionOpensInExcelAndTextFormatsListTheSections() throws {
    let csv = try PioneerBinary.run([
      "select", "Samples/applicants.csv", "--reviews", "Samples/reviews.csv", "--format", "csv",
    ])
    #expect(Array(csv.output.prefix(3)) == [0xEF, 0xBB, 0xBF])
    #expect(csv.text.contains("総務大臣賞,1,14.00,4,A-001,"))
    let table = try PioneerBinary.run([
      "select", "Samples/applicants.csv", "--reviews", "Samples/reviews.csv", "--format", "table",
    ])
    #expect(table.text.contains("【総務大臣賞】 6"))
    #expect(table.text.contains("同点（境界）: 委員会で確認"))
    let md = try PioneerBinary.run([
      "select", "Samples/applicants.csv", "--reviews", "Samples/reviews.csv", "--format", "md",
      "--lang", "en",
    ])
    #expect(md.text.contains("## Minister's Award (6)"))
  }

  @Test func missingReviewsFileExitsOneNamingIt() throws {
    let result = try PioneerBinary.run([
      "select", "Samples/applicants.csv", "--reviews", "no/reviews.csv",
    ])
    #expect(result.status == 1)
    #expect(result.error.contains("no/reviews.csv"))
  }
}
