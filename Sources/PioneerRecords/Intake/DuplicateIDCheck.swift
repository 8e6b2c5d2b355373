import PioneerRules

/// Finds rows whose id repeats an earlier row's (spec §7): the first row with an id stays
/// as it is, and each later one becomes invalid, naming the first one's line.
///
/// Shown every typed row of a file in input order, invalid rows too (an invalid row with an
/// id is still the first with it). It keeps the line of the first row with each id, or only
/// of each candidate id when a scan before the rows (`RepeatedIDScan`) found which may
/// repeat.
public final class DuplicateIDCheck {
  private let nameSlot: Int?
  private let idSlot: Int?
  /// The line of the first row with each id (each candidate id, when there are some).
  private let firstLines = IDIndex()
  /// The ids that may repeat; nil when every id is indexed.
  private let candidates: IDIndex?

  init(schema: Schema, candidates: IDIndex?) {
    idSlot = schema.input(role: .id)?.slot
    nameSlot = schema.input(role: .name)?.slot
    self.candidates = candidates
  }

  /// `row` made invalid because its id repeats that of an earlier row, or nil when it does
  /// not (its id, if it has one, is now known as the first row's).
  public func duplicate(_ row: ApplicantRow) -> ApplicantRow? {
    switch row {
    case .record(let record):
      guard let idSlot, case .text(let id) = record.values[safe: idSlot] ?? .missing,
        let errors = errors(line: record.line, id: id, errors: nil)
      else { return nil }
      var name: String?
      if let nameSlot, case .text(let text) = record.values[safe: nameSlot] ?? .missing {
        name = text
      }
      return .invalid(line: record.line, id: id, name: name, errors: errors)
    case .invalid(let line, let id, let name, let errors):
      guard let errors = self.errors(line: line, id: id, errors: errors) else { return nil }
      return .invalid(line: line, id: id, name: name, errors: errors)
    }
  }

  /// The reasons a row on `line` with `id` (nil: none read) and `errors` (nil for a valid
  /// row) is invalid once its id is found to repeat that of an earlier row; nil when it does
  /// not (its id, if it has one, is now known as the first row's).
  ///
  /// A repeated id is reported after a wrong field count and an empty name and before the
  /// cells that do not read; a record with one keeps no other reason (it had none).
  public func errors(line: Int, id: String?, errors: [RowError]?) -> [RowError]? {
    // A typed row has an id exactly when its id cell read as text.
    guard let id else { return nil }
    // Every typed id is contiguous UTF-8 (inline or native), read where it lies; `withUTF8`
    // would copy the String into a variable first. The fallback is for any other String.
    if let found = id.utf8.withContiguousStorageIfAvailable({
      self.errors(line: line, id: $0, errors: errors)
    }) {
      return found
    }
    var copy = id
    return copy.withUTF8 { self.errors(line: line, id: $0, errors: errors) }
  }

  /// `errors(line:id:errors:)` for an id given as its UTF-8 bytes (nil: none read), as a
  /// batch of rows keeps it (`TypedRows.idBytes(at:)`): the id is made a String only for a
  /// repeat's message.
  public func errors(
    line: Int, id: UnsafeBufferPointer<UInt8>?, errors: [RowError]?
  ) -> [RowError]? {
    guard let id, let firstLine = firstLine(of: id, at: line) else { return nil }
    let duplicate = RowError.duplicateID(
      id: String(decoding: id, as: UTF8.self), firstLine: firstLine)
    guard var errors else { return [duplicate] }
    let cells = errors.firstIndex { if case .cell = $0 { true } else { false } }
    errors.insert(duplicate, at: cells ?? errors.endIndex)
    return errors
  }

  /// The line of the first row with `id`, or nil when this row (on `line`) is the first.
  private func firstLine(of id: UnsafeBufferPointer<UInt8>, at line: Int) -> Int? {
    if let candidates, !candidates.contains(id) { return nil }
    return firstLines.firstLine(of: id, orInsertAt: line)
  }
}
