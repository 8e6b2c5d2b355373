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

  private let text: TextStream
  private let csv: CSVReader
  private let parsers: [CellParser]
  /// The parser of each file column that fills an input, in column order.
  private let plans: [ColumnPlan]
  /// The slots no file column fills: always `missing`.
  private let unfilledSlots: [Int]
  private let idSlot: Int?
  private let nameSlot: Int?
  /// The line of the first row with each id (of each candidate id, when there are some).
  private let firstLines = IDIndex()
  /// The ids that may repeat, from a scan before the rows (`RepeatedIDScan`); nil when every
  /// id is indexed.
  private let repeatedIDCandidates: IDIndex?

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
    repeatedIDCandidates = scan?.ids
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
    let parsers = schema.inputs.map { CellParser(input: $0, schema: schema) }
    self.parsers = parsers
    let plans = layout.slots.enumerated().compactMap { column, slot in
      slot.flatMap { slot in
        parsers.indices.contains(slot)
          ? ColumnPlan(column: column, slot: slot, parser: .passUnretained(parsers[slot])) : nil
      }
    }
    self.plans = plans
    // The layout gives each slot at most one column, so with these every slot of a row's
    // values is initialised exactly once.
    let filled = Set(plans.map(\.slot))
    unfilledSlots = parsers.indices.filter { !filled.contains($0) }
    idSlot = schema.input(role: .id)?.slot
    nameSlot = schema.input(role: .name)?.slot
  }

  /// The encoding the file is read in, and why.
  public var encoding: EncodingDecision { text.decision }

  /// The next data row, or nil at the end of the file.
  public func next() throws(FileError) -> ApplicantRow? {
    while true {
      let record: CSVRecord
      do {
        guard let next = try csv.next() else { return nil }
        record = next
      } catch {
        throw FileError(path: path, problem: error)
      }
      if let row = row(from: record) { return row }
      skippedBlankRecords += 1
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
    while true {
      let record: CSVRecord
      do throws(FileProblem) {
        guard let next = try csv.next() else { return nil }
        record = next
      } catch {
        throw FileError(path: path, problem: error)
      }
      guard column < record.count else { continue }
      var matches = false
      CellText.withTextCell(record.bytes(column)) { matches = $0.elementsEqual(wanted) }
      if matches, let row = row(from: record) { return row }
    }
  }

  /// Types a record's cells and checks the row; nil for a blank record.
  private func row(from record: CSVRecord) -> ApplicantRow? {
    let fieldCount = record.count
    guard !isBlank(record, from: 0) else { return nil }
    var cellErrors: [RowError] = []
    // Each value is initialised in place once: copying a row of `missing` and then
    // assigning over it cost a copy-on-write copy and a destroy per cell.
    let values = [Value](unsafeUninitializedCapacity: parsers.count) { buffer, initialized in
      guard let base = buffer.baseAddress else { return }
      for slot in unfilledSlots { (base + slot).initialize(to: .missing) }
      for plan in plans {
        guard plan.column < fieldCount else {
          (base + plan.slot).initialize(to: .missing)
          continue
        }
        let cell = record.bytes(plan.column)
        switch plan.parser._withUnsafeGuaranteedRef({ $0.read(bytes: cell) }) {
        case .success(let value): (base + plan.slot).initialize(to: value)
        case .failure(let failure):
          (base + plan.slot).initialize(to: .missing)
          let parser = plan.parser.takeUnretainedValue()
          cellErrors.append(.cell(parser.error(for: failure, cell: cell)))
        }
      }
      initialized = parsers.count
    }

    var errors: [RowError] = []
    let expected = layout.fieldCount
    if fieldCount != expected, fieldCount < expected || !isBlank(record, from: expected) {
      errors.append(.fieldCount(expected: expected, found: fieldCount))
    }
    if let idSlot, values[idSlot].isMissing {
      errors.append(.missingID(column: schema.inputs[idSlot].label))
    }
    if let nameSlot, values[nameSlot].isMissing {
      errors.append(.missingName(column: schema.inputs[nameSlot].label))
    }
    if let idSlot, case .text(var id) = values[idSlot] {
      let firstLine = id.withUTF8 { id -> Int? in
        if let repeatedIDCandidates, !repeatedIDCandidates.contains(id) { return nil }
        return firstLines.firstLine(of: id, orInsertAt: record.line)
      }
      if let firstLine { errors.append(.duplicateID(id: id, firstLine: firstLine)) }
    }
    if !cellErrors.isEmpty { errors += cellErrors }
    guard errors.isEmpty else {
      let id = text(of: idSlot, in: values)
      let name = text(of: nameSlot, in: values)
      return .invalid(line: record.line, id: id, name: name, errors: errors)
    }
    return .record(Record(line: record.line, values: values))
  }

  /// Whether fields `start...` are all empty once trimmed.
  private func isBlank(_ record: CSVRecord, from start: Int) -> Bool {
    for column in start..<max(start, record.count)
    where !CellText.trim(record.bytes(column)).isEmpty {
      return false
    }
    return true
  }

  private func text(of slot: Int?, in values: [Value]) -> String? {
    guard let slot, case .text(let text) = values[slot] else { return nil }
    return text
  }
}

/// Which parser reads a file column into which slot.
private struct ColumnPlan {
  let column: Int
  let slot: Int
  /// Unmanaged: the reader's `parsers` keep every parser alive for the reader's life, and
  /// not retaining one per cell is measurably faster at a million rows.
  let parser: Unmanaged<CellParser>
}
