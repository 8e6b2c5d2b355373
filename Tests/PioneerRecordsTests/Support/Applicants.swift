import PioneerRules

@testable import PioneerRecords

/// The rows of an applicant file held in `text`, and the reader (for its counters).
func applicantRows(
  _ text: String, chunkSize: Int = 256 * 1024, schema: Schema = TestSchema.schema
) throws(FileError) -> (rows: [ApplicantRow], reader: ApplicantReader) {
  try applicantRows(Array(text.utf8), chunkSize: chunkSize, schema: schema)
}

func applicantRows(
  _ bytes: [UInt8], chunkSize: Int = 256 * 1024, schema: Schema = TestSchema.schema,
  options: ReaderOptions = ReaderOptions()
) throws(FileError) -> (rows: [ApplicantRow], reader: ApplicantReader) {
  let reader = try testReader(bytes, chunkSize: chunkSize, schema: schema, options: options)
  var rows: [ApplicantRow] = []
  while let row = try reader.next() { rows.append(row) }
  return (rows, reader)
}

/// A reader of `bytes` as `test.csv`, read `chunkSize` bytes at a time.
private func testReader(
  _ bytes: [UInt8], chunkSize: Int, schema: Schema, options: ReaderOptions
) throws(FileError) -> ApplicantReader {
  var options = options
  options.chunkSize = chunkSize
  return try ApplicantReader(
    source: MemorySource(bytes, chunkLimit: chunkSize), path: "test.csv", schema: schema,
    options: options)
}

extension ApplicantRow {
  /// The record, for a valid row.
  var record: Record? {
    if case .record(let record) = self { return record }
    return nil
  }

  /// The errors, for an invalid row.
  var errors: [RowError] {
    if case .invalid(_, _, _, let errors) = self { return errors }
    return []
  }
}

/// The rows of an applicant file read the way the screening pipeline reads them: records
/// copied into batches of `batchSize`, each batch typed by a `RowTyper`, then every row
/// checked for a repeated id in input order; and the blank records the typer skipped.
func batchedApplicantRows(
  _ bytes: [UInt8], batchSize: Int, chunkSize: Int = 256 * 1024,
  schema: Schema = TestSchema.schema, options: ReaderOptions = ReaderOptions(),
  inputsNotRead: Set<Int> = []
) throws(FileError) -> (rows: [ApplicantRow], skippedBlank: Int) {
  let reader = try testReader(bytes, chunkSize: chunkSize, schema: schema, options: options)
  let typer = reader.makeRowTyper(inputsNotRead: inputsNotRead)
  let batch = RawRecordBatch(capacity: batchSize)
  var rows: [ApplicantRow] = []
  var skippedBlank = 0
  while try reader.readRecords(into: batch) {
    let typed = typer.makeRows(capacity: batch.count)
    skippedBlank += typer.type(batch, into: typed)
    for index in 0..<typed.count {
      guard let row = typed.row(at: index) else { continue }
      // As the screening pipeline does: the batch's id bytes and errors, not the row's.
      if let errors = reader.duplicateIDCheck.errors(
        line: row.line, id: typed.idBytes(at: index), errors: typed.errors(at: index))
      {
        rows.append(
          .invalid(
            line: row.line, id: typed.id(at: index), name: typed.name(at: index), errors: errors))
      } else {
        rows.append(row)
      }
    }
  }
  return (rows, skippedBlank)
}
