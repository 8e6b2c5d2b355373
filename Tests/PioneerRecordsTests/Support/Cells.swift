import PioneerRules

@testable import PioneerRecords

/// Reads `text` as a cell of the test schema's column `column`.
func cell(_ text: String, _ column: String) -> Result<Value, CellError> {
  CellParser(input: TestSchema.input(column), schema: TestSchema.schema).parse(text)
}

/// The value of a cell that reads, or nil.
func value(_ text: String, _ column: String) -> Value? {
  try? cell(text, column).get()
}

/// Why a cell does not read, or nil.
func reason(_ text: String, _ column: String) -> CellError.Reason? {
  if case .failure(let error) = cell(text, column) { return error.reason }
  return nil
}

/// A number value.
func number(_ numerator: Int128, _ denominator: Int128 = 1) -> Value? {
  ExactNumber(numerator: numerator, denominator: denominator).map { .number($0) }
}

/// A date value.
func date(_ year: Int, _ month: Int, _ day: Int) -> Value? {
  CivilDate(year: year, month: month, day: day).map { .date($0) }
}
