import PioneerRules

/// Types the records of an applicant file into rows, each on its own (spec §7): skips
/// blank records, reads every cell by its column's type, and finds an empty id or name, a
/// field count differing from the header's, and cells that do not read.
///
/// What needs the rows before it, a repeated id, is not found here but by the reader's
/// `DuplicateIDCheck`, shown every row in input order; so records can be typed a batch at a
/// time on any thread. A typer keeps caches of cells it has read: one typer per thread.
///
/// The id and name, when texts, are written as bytes into the rows' text columns
/// (`TypedRows.idBytes(at:)`), and made into a `text` value too only when a rule reads them.
public final class RowTyper {
  private let schema: Schema
  /// The fields a row must have (the header's, trailing empty header cells aside).
  private let expectedFieldCount: Int
  private let parsers: [CellParser]
  /// The parser of each file column that fills an input, in column order.
  private let plans: [ColumnPlan]
  /// The slots no file column fills: always `missing`.
  private let unfilledSlots: [Int]
  private let idSlot: Int?
  private let nameSlot: Int?
  /// The inputs no rule reads, whose texts are kept as bytes only (`TypedRows`).
  private let inputsNotRead: Set<Int>
  /// The text columns of the id and name (`TypedRows.textColumns`), as the rows have them.
  private let idTextColumn: Int?
  private let nameTextColumn: Int?

  /// A typer for rows of `schema`'s inputs laid out in columns as `layout` says; the texts of
  /// the id and name, if in `inputsNotRead` (no rule reads them), are kept as bytes only.
  init(schema: Schema, layout: HeaderLayout, inputsNotRead: Set<Int> = []) {
    self.schema = schema
    self.inputsNotRead = inputsNotRead
    expectedFieldCount = layout.fieldCount
    let parsers = schema.inputs.map { CellParser(input: $0, schema: schema) }
    self.parsers = parsers
    let textColumns = TypedRows.textColumns(of: schema, inputsNotRead: inputsNotRead)
    // A text input's column is typed into its bytes here; any other's cells are read by its
    // parser, and their values are never texts.
    func textColumn(ofSlot slot: Int) -> Int? {
      guard case .text? = schema.inputs[safe: slot]?.type else { return nil }
      return textColumns.firstIndex { $0.slot == slot }
    }
    let plans = layout.slots.enumerated().compactMap { column, slot -> ColumnPlan? in
      slot.flatMap { slot -> ColumnPlan? in
        guard parsers.indices.contains(slot) else { return nil }
        let textColumn = textColumn(ofSlot: slot)
        return ColumnPlan(
          column: column, slot: slot, parser: .passUnretained(parsers[slot]),
          textColumn: textColumn ?? -1,
          keepsValue: textColumn.map { textColumns[$0].keepsValue } ?? true)
      }
    }
    self.plans = plans
    // The layout gives each slot at most one column, so with these every slot of a row's
    // values is initialised exactly once.
    let filled = Set(plans.map(\.slot))
    unfilledSlots = parsers.indices.filter { !filled.contains($0) }
    // Slots of the row's values, so that the typing closure reads them in place.
    idSlot = schema.input(role: .id).flatMap { parsers.indices.contains($0.slot) ? $0.slot : nil }
    nameSlot = schema.input(role: .name).flatMap {
      parsers.indices.contains($0.slot) ? $0.slot : nil
    }
    idTextColumn = idSlot.flatMap(textColumn(ofSlot:))
    nameTextColumn = nameSlot.flatMap(textColumn(ofSlot:))
  }

  /// An empty batch of rows for this typer's rows.
  public func makeRows(capacity: Int) -> TypedRows {
    TypedRows(schema: schema, capacity: capacity, inputsNotRead: inputsNotRead)
  }

  /// Types every record of `batch`, in order, appending a row to `rows` for each record that
  /// is not blank; returns the number of blank records skipped.
  public func type(_ batch: RawRecordBatch, into rows: TypedRows) -> Int {
    type(batch, records: 0..<batch.count, into: rows)
    return batch.blankCount
  }

  /// Types the records of `batch` in `range` (clamped to its records), in order, appending a
  /// row to `rows` for each: the batch holds no blank record. Typing a batch a range at a
  /// time lets each range be screened while its rows are still in the cache.
  public func type(_ batch: RawRecordBatch, records range: Range<Int>, into rows: TypedRows) {
    // The batch counted the blank records and holds none (`RawRecordBatch.append`), so
    // they are not looked for again.
    batch.forEachRecord(in: range) { fields in type(fields, into: rows, mayBeBlank: false) }
  }

  /// Types a record's cells and checks the row; nil for a blank record.
  func row(from record: RecordFields) -> ApplicantRow? {
    let rows = makeRows(capacity: 1)
    return type(record, into: rows, mayBeBlank: true) ? rows.row(at: 0) : nil
  }

  /// Types a record's cells straight into `rows` and checks the row; false (and nothing
  /// appended) for a blank record, which is looked for only when the record `mayBeBlank`.
  @discardableResult
  private func type(_ record: RecordFields, into rows: TypedRows, mayBeBlank: Bool) -> Bool {
    let fieldCount = record.count
    guard !mayBeBlank || !record.isBlank(from: 0) else { return false }
    // Nil until a cell does not read: a valid row then has no list to release.
    var cellErrors: [RowError]?
    var idIsMissing = false
    var nameIsMissing = false
    // Bit `c` set: text column `c` got a text.
    var textsFound: UInt = 0
    let records = rows.records
    // Each value is initialised in place once, in the batch itself.
    rows.appendRow(line: record.line) { base in
      for slot in unfilledSlots { (base + slot).initialize(to: .missing) }
      for plan in plans {
        let destination = base + plan.slot
        guard let cell = record.bytesIfPresent(plan.column) else {
          destination.initialize(to: .missing)
          continue
        }
        if plan.textColumn >= 0 {
          if RowTyper.readText(
            cell, into: destination, column: plan.textColumn, keepsValue: plan.keepsValue,
            records: records)
          {
            textsFound |= 1 &<< UInt(plan.textColumn & 63)
          }
          continue
        }
        // A function that must be inlined, not a closure: the optimiser kept a closure out
        // of line, and calling it cost about 35 instructions a cell.
        @inline(__always) func readCell(_ parser: CellParser) -> CellFailure? {
          parser.read(cell, into: destination)
        }
        let failure = plan.parser._withUnsafeGuaranteedRef(readCell)
        if let failure {
          let parser = plan.parser.takeUnretainedValue()
          cellErrors = (cellErrors ?? []) + [.cell(parser.error(for: failure, cell: cell))]
        }
      }
      // Every slot is initialised now, and the id and name are at hand.
      if let idSlot {
        idIsMissing =
          idTextColumn.map { !RowTyper.has($0, textsFound) } ?? RowTyper.isMissing(base + idSlot)
      }
      if let nameSlot {
        nameIsMissing =
          nameTextColumn.map { !RowTyper.has($0, textsFound) }
          ?? RowTyper.isMissing(base + nameSlot)
      }
    }
    // Nearly every row is valid: it is marked so without a closure or an empty list.
    guard fieldCount != expectedFieldCount || idIsMissing || nameIsMissing || cellErrors != nil
    else {
      rows.markLastRowValid()
      return true
    }
    // The reasons in the order they are reported; `DuplicateIDCheck` puts a repeated id
    // after the first three and before the cells.
    var errors: [RowError] = []
    let expected = expectedFieldCount
    if fieldCount != expected, fieldCount < expected || !record.isBlank(from: expected) {
      errors.append(.fieldCount(expected: expected, found: fieldCount))
    }
    if let idSlot, idIsMissing {
      errors.append(.missingID(column: schema.inputs[idSlot].label))
    }
    if let nameSlot, nameIsMissing {
      errors.append(.missingName(column: schema.inputs[nameSlot].label))
    }
    if let cellErrors { errors += cellErrors }
    rows.markLastRow(errors: errors)
    return true
  }

  /// Reads a cell of a text column as `CellParser` reads a text (trimmed, NFKC, empty as
  /// missing): its bytes into `records`' text column `column`, and into `destination`
  /// (uninitialised) the `text` value when the column keeps its value, else `missing`.
  /// True when the cell has a text.
  @inline(__always)
  private static func readText(
    _ cell: UnsafeBufferPointer<UInt8>, into destination: UnsafeMutablePointer<Value>,
    column: Int, keepsValue: Bool, records: RecordBatch
  ) -> Bool {
    var found = false
    CellText.withTextCell(cell) { text in
      records.setText(text, column: column)
      found = true
      guard keepsValue else { return }
      // Ids are short and ASCII: such a String needs no UTF-8 check.
      let string = CellText.shortASCIIString(text) ?? String(decoding: text, as: UTF8.self)
      destination.initialize(to: .text(string))
    }
    if !found || !keepsValue { destination.initialize(to: .missing) }
    return found
  }

  /// Whether bit `column` of `found` is set (`type`'s texts found).
  @inline(__always)
  private static func has(_ column: Int, _ found: UInt) -> Bool {
    found &>> UInt(column & 63) & 1 == 1
  }

  /// Whether the value at `value` is missing, looked at in place: a text is not copied out.
  @inline(__always)
  private static func isMissing(_ value: UnsafeMutablePointer<Value>) -> Bool {
    if case .missing = value.pointee { return true }
    return false
  }
}

/// Which parser reads a file column into which slot.
private struct ColumnPlan {
  let column: Int
  let slot: Int
  /// Unmanaged: the typer's `parsers` keep every parser alive for the typer's life, and
  /// not retaining one per cell is measurably faster at a million rows.
  let parser: Unmanaged<CellParser>
  /// The rows' text column the cell goes to (the id's or name's), or -1 for none.
  let textColumn: Int
  /// Whether a text column's cell is made a `text` value too (a rule reads it).
  let keepsValue: Bool
}
