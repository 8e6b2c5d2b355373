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
  /// The reasons each invalid row is invalid, by row index.
  @exclusivity(unchecked) private var errorsByRow: [Int: [RowError]] = [:]
  /// Whether each row is invalid: asked of every row, and cheaper than hashing its index.
  @exclusivity(unchecked) private var invalid: [Bool] = []
  /// Indices of the valid rows, in order: the records to screen.
  @exclusivity(unchecked) public private(set) var validIndices: [Int] = []

  /// No rows yet, of `schema`'s inputs.
  public init(schema: Schema, capacity: Int = 0) {
    records = RecordBatch(width: schema.inputs.count, capacity: capacity)
    idSlot = schema.input(role: .id)?.slot
    nameSlot = schema.input(role: .name)?.slot
    validIndices.reserveCapacity(capacity)
    invalid.reserveCapacity(capacity)
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
  public func id(at index: Int) -> String? { text(at: index, idSlot) }

  /// Row `index`'s name (nil when its name cell is empty or did not read).
  public func name(at index: Int) -> String? { text(at: index, nameSlot) }

  private func text(at index: Int, _ slot: Int?) -> String? {
    guard let slot, case .text(let text) = records.value(record: index, slot: slot) else {
      return nil
    }
    return text
  }

  /// Row `index` on its own; nil out of range.
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
      records.appendRecord(line: line) { values in
        for slot in 0..<width {
          var value = Value.missing
          if slot == idSlot, let id { value = .text(id) }
          if slot == nameSlot, let name { value = .text(name) }
          (values + slot).initialize(to: value)
        }
      }
      invalid.append(true)
      errorsByRow[count - 1] = errors
    }
  }
}
