import PioneerRules

/// Types the records of an applicant file into rows, each on its own (spec §7): skips
/// blank records, reads every cell by its column's type, and finds an empty id or name, a
/// field count differing from the header's, and cells that do not read.
///
/// What needs the rows before it, a repeated id, is not found here but by the reader's
/// `DuplicateIDCheck`, shown every row in input order; so records can be typed a batch at a
/// time on any thread. A typer keeps caches of cells it has read: one typer per thread.
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

  /// A typer for rows of `schema`'s inputs laid out in columns as `layout` says.
  init(schema: Schema, layout: HeaderLayout) {
    self.schema = schema
    expectedFieldCount = layout.fieldCount
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
    // Slots of the row's values, so that the typing closure reads them in place.
    idSlot = schema.input(role: .id).flatMap { parsers.indices.contains($0.slot) ? $0.slot : nil }
    nameSlot = schema.input(role: .name).flatMap {
      parsers.indices.contains($0.slot) ? $0.slot : nil
    }
  }

  /// An empty batch of rows for this typer's rows.
  public func makeRows(capacity: Int) -> TypedRows {
    TypedRows(schema: schema, capacity: capacity)
  }

  /// Types every record of `batch`, in order, appending a row to `rows` for each record that
  /// is not blank; returns the number of blank records skipped.
  public func type(_ batch: RawRecordBatch, into rows: TypedRows) -> Int {
    // The batch counted the blank records and holds none (`RawRecordBatch.append`), so
    // they are not looked for again.
    batch.forEachRecord { fields in type(fields, into: rows, mayBeBlank: false) }
    return batch.blankCount
  }

  /// Types a record's cells and checks the row; nil for a blank record.
  func row(from record: RecordFields) -> ApplicantRow? {
    let rows = TypedRows(schema: schema, capacity: 1)
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
    // Each value is initialised in place once, in the batch itself.
    rows.appendRow(line: record.line) { base in
      for slot in unfilledSlots { (base + slot).initialize(to: .missing) }
      for plan in plans {
        let destination = base + plan.slot
        guard let cell = record.bytesIfPresent(plan.column) else {
          destination.initialize(to: .missing)
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
      if let idSlot { idIsMissing = RowTyper.isMissing(base + idSlot) }
      if let nameSlot { nameIsMissing = RowTyper.isMissing(base + nameSlot) }
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
}
