import PioneerRules
import Testing

@testable import PioneerRecords

/// Repeated ids are found after typing, row by row in input order (spec §7): the first row
/// with an id stays as it is, invalid or not, and every later one names its line, with the
/// reason in its place among the row's other reasons.
@Suite struct DuplicateIDCheckTests {
  private let id = Label(ja: "応募ID", en: "applicant id")
  private let name = Label(ja: "企業・団体名", en: "organisation name")

  /// Both ways of reading: row by row, and in batches of two typed before the check.
  private func rows(_ text: String) throws -> [[ApplicantRow]] {
    let bytes = Array(text.utf8)
    return [
      try applicantRows(bytes).rows, try batchedApplicantRows(bytes, batchSize: 2).rows,
    ]
  }

  @Test func aRepeatedIdComesAfterTheFieldCountAndEmptyNameAndBeforeTheCells() throws {
    let text = "応募ID,企業・団体名,総従業員数\nA1,一,5\nA1,,abc,extra\n"
    for rows in try rows(text) {
      guard case .invalid(let line, let rowID, let rowName, let errors) = rows[1] else {
        Issue.record("the second row is invalid")
        continue
      }
      #expect(line == 3 && rowID == "A1" && rowName == nil)
      #expect(errors.count == 4)
      #expect(
        errors.prefix(3) == [
          .fieldCount(expected: 3, found: 4), .missingName(column: name),
          .duplicateID(id: "A1", firstLine: 2),
        ])
      if case .cell = errors.last {
      } else {
        Issue.record("the bad cell comes last: \(errors)")
      }
    }
  }

  @Test func aValidRowWithARepeatedIdKeepsOnlyThatReason() throws {
    let text = "応募ID,企業・団体名,総従業員数\nA1,一,5\nA1,二,6\n"
    for rows in try rows(text) {
      #expect(
        rows[1]
          == .invalid(
            line: 3, id: "A1", name: "二", errors: [.duplicateID(id: "A1", firstLine: 2)]))
    }
  }

  @Test func everyRepeatNamesTheFirstRowEvenWhenTheFirstIsInvalid() throws {
    let text = "応募ID,企業・団体名,総従業員数\nA1,一,abc\nA2,二,1\nA1,三,2\n,四,3\nA1,五,x\nA1,六,4\n"
    for rows in try rows(text) {
      #expect(rows[0].errors.count == 1)
      #expect(rows[1].record != nil)
      #expect(rows[2].errors == [.duplicateID(id: "A1", firstLine: 2)])
      #expect(rows[3].errors == [.missingID(column: id)])
      #expect(rows[4].errors.first == .duplicateID(id: "A1", firstLine: 2))
      #expect(rows[4].errors.count == 2)
      #expect(rows[5].errors == [.duplicateID(id: "A1", firstLine: 2)])
    }
  }
}
