import PioneerRules

/// Reads an applicant file row by row, in constant memory apart from the ids kept to find
/// duplicates: every id, or for a large regular file only the few that may repeat.
///
/// Creating the reader decides the encoding and reads the header; `next()` then yields
/// each data row in input order, as a `Record` or as an invalid row with every reason
/// (spec §7): an empty id or name, an id seen before, a field count differing from the
/// header's (extra empty fields aside), and every cell that does not read. Records whose
/// fields are all empty are skipped and counted. Consistency between values is not checked
/// here; it belongs to the rule set.
///
/// ```swift
/// let reader = try ApplicantReader(path: "applicants.csv", schema: schema)
/// while let row = try reader.next() {
///   switch row {
///   case .record(let record): screen(record)
///   case .invalid(let line, let id, _, let errors): report(line, id, errors)
///   }
/// }
/// ```
public final class ApplicantReader {
  /// The path read, or nil for standard input.
  public let path: String?
  /// The schema the cells are typed by.
  public let schema: Schema
  /// How the header's columns map onto the schema.
  public let layout: HeaderLayout
  /// Blank records skipped so far.
  public private(set) var skippedBlankRecords = 0

  /// Finds repeated ids; `next()` shows it every row, and a caller typing rows in batches
  /// (`readRecords(into:)`, `makeRowTyper()`) shows it every row in input order itself.
  public let duplicateIDCheck: DuplicateIDCheck

  private let text: TextStream
  private let csv: CSVReader
  /// Types the rows `next()` and `firstRow(withID:)` give.
  private let typer: RowTyper
  private let idSlot: Int?

  /// Reads the file at `path`.
  public convenience init(
    path: String, schema: Schema, options: ReaderOptions = ReaderOptions()
  ) throws(FileError) {
    let source: FileDescriptorSource
    do {
      source = try FileDescriptorSource(path: path)
    } catch {
      throw FileError(path: path, problem: error)
    }
    var options = options
    if options.delimiter == nil { options.delimiter = FieldDelimiter(forPath: path) }
    try self.init(source: source, path: path, schema: schema, options: options)
  }

  /// Reads standard input.
  public static func standardInput(
    schema: Schema, options: ReaderOptions = ReaderOptions()
  ) throws(FileError) -> ApplicantReader {
    try ApplicantReader(
      source: FileDescriptorSource.standardInput(), path: nil, schema: schema, options: options)
  }

  /// Reads `source`; `path` names it in messages (nil: standard input).
  public init(
    source: any ByteSource, path: String?, schema: Schema,
    options: ReaderOptions = ReaderOptions()
  ) throws(FileError) {
    self.path = path
    self.schema = schema
    var scan: (ids: IDIndex, encoding: EncodingDecision)?
    if source.isRewindable, let byteCount = source.byteCount,
      byteCount >= options.idScanMinimumBytes
    {
      scan = RepeatedIDScan.candidates(
        source: source, schema: schema, options: options, byteCount: byteCount)
    }
    do throws(FileProblem) {
      // The scan read the whole file: its encoding needs no second check.
      text = try TextStream(
        source: source, encoding: options.encoding, chunkSize: options.chunkSize,
        proven: scan?.encoding)
      csv = CSVReader(text: text, delimiter: options.delimiter ?? .comma)
      guard let header = try csv.next() else { throw FileProblem.emptyFile }
      layout = try HeaderLayout(header: header.fields, schema: schema)
    } catch {
      throw FileError(path: path, problem: error)
    }
    // The scan's candidates, when it found some, limit the ids the check keeps.
    duplicateIDCheck = DuplicateIDCheck(schema: schema, candidates: scan?.ids)
    typer = RowTyper(schema: schema, layout: layout)
    idSlot = schema.input(role: .id)?.slot
  }

  /// The encoding the file is read in, and why.
  public var encoding: EncodingDecision { text.decision }

  /// The next data row, or nil at the end of the file.
  public func next() throws(FileError) -> ApplicantRow? {
    while let record = try nextRecord() {
      guard let row = typer.row(from: record.fieldView) else {
        skippedBlankRecords += 1
        continue
      }
      return duplicateIDCheck.duplicate(row) ?? row
    }
    return nil
  }

  /// Copies the next records, untyped, into `batch` (emptied first) until it holds
  /// `batch.capacity` records or the file ends, blank records only counted; false when there
  /// were none left.
  ///
  /// For typing rows a batch at a time, on another thread if need be: each batch goes
  /// through a `RowTyper` (`makeRowTyper()`), then every row through `duplicateIDCheck` in
  /// input order, which gives the rows `next()` gives. Blank records are counted by the
  /// typer, not in `skippedBlankRecords`.
  public func readRecords(into batch: RawRecordBatch) throws(FileError) -> Bool {
    batch.removeAll()
    while !batch.isFull, let record = try nextRecord() { batch.append(record) }
    return !batch.isEmpty
  }

  /// A typer for this file's rows, for one thread (its parsers keep caches). The id and name,
  /// if among `inputsNotRead` (slots no rule reads), are typed into bytes only: their rows'
  /// records give them as `text` all the same (`RecordBatch.record(at:)`), but the batch
  /// evaluator does not see them.
  public func makeRowTyper(inputsNotRead: Set<Int> = []) -> RowTyper {
    RowTyper(schema: schema, layout: layout, inputsNotRead: inputsNotRead)
  }

  private func nextRecord() throws(FileError) -> CSVRecord? {
    do {
      return try csv.next()
    } catch {
      throw FileError(path: path, problem: error)
    }
  }

  /// The first data row from here whose id reads as `id` does (trimmed, NFKC), or nil when
  /// no further row has it.
  ///
  /// The rows before it are split into fields but only their id cell is read, so finding
  /// one applicant in a large file costs little more than reading the file. The first row
  /// with an id is never a duplicate, so it is the row `next()` would give.
  public func firstRow(withID id: String) throws(FileError) -> ApplicantRow? {
    guard let idSlot, let column = layout.slots.firstIndex(of: idSlot) else { return nil }
    // The id as given, read the way an id cell is (so ` Ａ-003` finds `A-003`).
    var wanted: [UInt8] = []
    Array(id.utf8).withUnsafeBufferPointer { given in
      CellText.withTextCell(given) { wanted = Array($0) }
    }
    guard !wanted.isEmpty else { return nil }
    while let record = try nextRecord() {
      guard column < record.count else { continue }
      var matches = false
      CellText.withTextCell(record.bytes(column)) { matches = $0.elementsEqual(wanted) }
      // Checked all the same, for rows `next()` gave before this call.
      if matches, let row = typer.row(from: record.fieldView) {
        return duplicateIDCheck.duplicate(row) ?? row
      }
    }
    return nil
  }
}
