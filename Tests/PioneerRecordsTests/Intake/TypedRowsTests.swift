import PioneerRules
import Testing

@testable import PioneerRecords

/// Typed rows keep every row of a batch in one record batch and the reasons of the invalid
/// ones beside it: each row reads back as the `ApplicantRow` it was, and only the valid rows
/// are offered for screening.
@Suite struct TypedRowsTests {
  static let rows: [ApplicantRow] = {
    let text = ApplicantPropertyTests.file(seed: 7, rows: 300).text
    return (try? applicantRows(text).rows) ?? []
  }()

  @Test func everyRowReadsBackAsItWasAppended() {
    #expect(Self.rows.contains { if case .invalid = $0 { true } else { false } })
    #expect(Self.rows.contains { if case .record = $0 { true } else { false } })
    let typed = TypedRows(schema: TestSchema.schema)
    for row in Self.rows { typed.append(row) }
    #expect(typed.count == Self.rows.count)
    #expect((0..<typed.count).compactMap(typed.row(at:)) == Self.rows)
  }

  @Test func onlyValidRowsAreOfferedForScreeningWithTheirIdsAndNames() {
    let typed = TypedRows(schema: TestSchema.schema)
    for row in Self.rows { typed.append(row) }
    let valid = Self.rows.indices.filter { if case .record = Self.rows[$0] { true } else { false } }
    #expect(typed.validIndices == valid)
    for (index, row) in Self.rows.enumerated() {
      switch row {
      case .record(let record):
        #expect(typed.isValid(index) && typed.errors(at: index) == nil)
        #expect(typed.id(at: index).map(Value.text) == record[TestSchema.input("applicant_id")])
      case .invalid(_, let id, let name, let errors):
        #expect(!typed.isValid(index) && typed.errors(at: index) == errors)
        #expect(typed.id(at: index) == id && typed.name(at: index) == name)
      }
    }
  }

  @Test func rowsOutOfRangeAreNeitherValidNorThere() {
    let typed = TypedRows(schema: TestSchema.schema)
    #expect(typed.row(at: 0) == nil && typed.row(at: -1) == nil)
    #expect(!typed.isValid(0) && typed.id(at: 0) == nil && typed.errors(at: 3) == nil)
  }
}
