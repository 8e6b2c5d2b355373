import PioneerRules

/// The rows of a batch of an applicant file, typed: every row's values in one `RecordBatch`
/// (an invalid row's too, each cell that does not read as `missing`), and every reason each
/// invalid row is invalid.
///
/// The batch form of `ApplicantRow`s: a batch costs a few allocations, however many rows it
/// holds. `row(at:)` gives the `ApplicantRow` of any of them.
///
/// Filled by one thread, then only read: shared between threads once filled, hence
/// `@unchecked Sendable`, and with no run-time exclusivity checks.
public final class TypedRows: @unchecked Sendable {
  /// Every row's values, in input order.
  public let records: RecordBatch
  /// The slots of the id and name inputs.
  public let idSlot: Int?
  public let nameSlot: Int?
  /// The indices in `records.textColumns` of the id and name, when they are texts: every
  /// row's kept as bytes, one row after another, so that the report reads them in order.
  private let idColumn: Int?
  private let nameColumn: Int?
  /// The reasons each invalid row is invalid, by row index.
  @exclusivity(unchecked) private var errorsByRow: [Int: [RowError]] = [:]
  /// Whether each row is invalid: asked of every row, and cheaper than hashing its index.
  @exclusivity(unchecked) private var invalid: [Bool] = []
  /// Indices of the valid rows, in order: the records to screen.
  @exclusivity(unchecked) public private(set) var validIndices: [Int] = []

  /// No rows yet, of `schema`'s inputs. The id and name, when texts, are kept as bytes too
  /// (`idBytes(at:)`, `nameBytes(at:)`); those of them in `inputsNotRead`, which no rule
  /// reads, only as bytes: the evaluator never sees them, and no String is made for them
  /// until one is asked for.
  public init(schema: Schema, capacity: Int = 0, inputsNotRead: Set<Int> = []) {
    let textColumns = TypedRows.textColumns(of: schema, inputsNotRead: inputsNotRead)
    records = RecordBatch(
      width: schema.inputs.count, capacity: capacity, textColumns: textColumns)
    let idSlot = schema.input(role: .id)?.slot
    let nameSlot = schema.input(role: .name)?.slot
    self.idSlot = idSlot
    self.nameSlot = nameSlot
    idColumn = idSlot.flatMap(records.textColumn(ofSlot:))
    nameColumn = nameSlot.flatMap(records.textColumn(ofSlot:))
    validIndices.reserveCapacity(capacity)
    invalid.reserveCapacity(capacity)
  }

  /// The columns whose texts a batch of `schema`'s rows keeps as bytes: the id's, then the
  /// name's, with no value in the slot for a text input in `inputsNotRead`. (A column of an
  /// input of another type never gets a text from the typer, as its value is never a text.)
  static func textColumns(of schema: Schema, inputsNotRead: Set<Int>) -> [RecordBatch.TextColumn] {
    var columns: [RecordBatch.TextColumn] = []
    for role in [InputRole.id, .name] {
      guard let input = schema.input(role: role),
        !columns.contains(where: { $0.slot == input.slot })
      else { continue }
      var isText = false
      if case .text = input.type { isText = true }
      columns.append(
        RecordBatch.TextColumn(
          slot: input.slot, keepsValue: !isText || !inputsNotRead.contains(input.slot)))
    }
    return columns
  }

  /// The number of rows.
  public var count: Int { records.count }

  /// Whether row `index` is a record (valid).
  public func isValid(_ index: Int) -> Bool {
    invalid[safe: index] == false
  }

  /// Why row `index` is invalid; nil for a valid row.
  public func errors(at index: Int) -> [RowError]? {
    invalid[safe: index] == true ? errorsByRow[index] : nil
  }

  /// Row `index`'s id, as the row says (nil when its id cell is empty or did not read).
  public func id(at index: Int) -> String? { idBytes(at: index).map(TypedRows.string) }

  /// Row `index`'s name (nil when its name cell is empty or did not read).
  public func name(at index: Int) -> String? { nameBytes(at: index).map(TypedRows.string) }

  /// Row `index`'s id as UTF-8 bytes (those of `id(at:)`, made into no String), where the
  /// batch keeps them; valid while the rows live, as they are once filled. Reading the ids of
  /// rows in turn reads memory in order.
  @inline(__always)
  public func idBytes(at index: Int) -> UnsafeBufferPointer<UInt8>? {
    guard let idColumn else { return nil }
    return records.text(record: index, column: idColumn)
  }

  /// Row `index`'s name as UTF-8 bytes (those of `name(at:)`), as `idBytes(at:)` gives ids.
  @inline(__always)
  public func nameBytes(at index: Int) -> UnsafeBufferPointer<UInt8>? {
    guard let nameColumn else { return nil }
    return records.text(record: index, column: nameColumn)
  }

  /// Row `index`'s id and name as UTF-8 bytes (`idBytes(at:)`, `nameBytes(at:)`), read with
  /// one call: for the report, which reads both for every row.
  public func idAndNameBytes(at index: Int) -> (
    id: UnsafeBufferPointer<UInt8>?, name: UnsafeBufferPointer<UInt8>?
  ) {
    guard let idColumn else { return (nil, nameBytes(at: index)) }
    guard let nameColumn else { return (idBytes(at: index), nil) }
    return records.texts(record: index, idColumn, nameColumn)
  }

  private static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    String(decoding: bytes, as: UTF8.self)
  }

  /// Row `index` on its own, its id and name as `id(at:)` and `name(at:)` give them; nil
  /// out of range.
  public func row(at index: Int) -> ApplicantRow? {
    guard index >= 0 && index < count else { return nil }
    if let errors = errors(at: index) {
      return .invalid(
        line: records.line(at: index) ?? 0, id: id(at: index), name: name(at: index), errors: errors
      )
    }
    return records.record(at: index).map(ApplicantRow.record)
  }

  // MARK: Filling

  /// Appends a row whose values `initialize` writes in place (see
  /// `RecordBatch.appendRecord`); `markLastRowValid()` or `markLastRow(errors:)` must
  /// follow, before any other row is appended.
  func appendRow(line: Int, _ initialize: (UnsafeMutablePointer<Value>) -> Void) {
    records.appendRecord(line: line, initialize)
  }

  /// Marks the row `appendRow` appended as valid.
  @inline(__always)
  func markLastRowValid() {
    invalid.append(false)
    validIndices.append(count - 1)
  }

  /// Marks the row `appendRow` appended as invalid for `errors`, or valid when there are none.
  func markLastRow(errors: [RowError]) {
    guard !errors.isEmpty else { return markLastRowValid() }
    invalid.append(true)
    errorsByRow[count - 1] = errors
  }

  /// Appends a row typed on its own.
  public func append(_ row: ApplicantRow) {
    switch row {
    case .record(let record):
      records.append(record)
      invalid.append(false)
      validIndices.append(count - 1)
    case .invalid(let line, let id, let name, let errors):
      let width = records.width
      // Written as a record with those values would be, so that a text column gets them.
      var values = [Value](repeating: .missing, count: width)
      if let idSlot, let id, idSlot >= 0 && idSlot < width { values[idSlot] = .text(id) }
      if let nameSlot, let name, nameSlot >= 0 && nameSlot < width {
        values[nameSlot] = .text(name)
      }
      records.append(Record(line: line, values: values))
      invalid.append(true)
      errorsByRow[count - 1] = errors
    }
  }
}
