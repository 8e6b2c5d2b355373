import PioneerRules

/// How a file's header maps its columns onto the schema's inputs (spec §2).
///
/// A header cell selects an input when, trimmed and NFKC-normalised, it equals one of the
/// input's `columnNames` normalised the same way, ASCII letters compared without case
/// (`Applicant_ID` selects 応募ID's alias `applicant_id`). Other non-empty cells are unknown
/// columns, ignored and listed once for a notice.
public struct HeaderLayout: Hashable, Sendable {
  /// For each column position, the slot of the input it fills, or nil when ignored.
  public let slots: [Int?]
  /// Unknown header cells (normalised), in header order.
  public let unknownColumns: [String]
  /// The fields a row must have: the header's, without trailing empty header cells.
  public let fieldCount: Int

  /// Matches `header` (the cells of the first record) against `schema`.
  ///
  /// Fails when two cells select the same input, or when the id or name column is absent.
  public init(header: [String], schema: Schema) throws(FileProblem) {
    var names: [String: Int] = [:]
    for input in schema.inputs {
      for name in input.columnNames {
        let key = HeaderLayout.key(name)
        if names[key] == nil { names[key] = input.slot }
      }
    }
    var slots: [Int?] = []
    var unknown: [String] = []
    var found: [String] = []
    var positions: [Int: Int] = [:]
    for (position, cell) in header.enumerated() {
      let normalized = CellText.normalize(cell)
      if !normalized.isEmpty { found.append(normalized) }
      guard let slot = names[HeaderLayout.key(normalized)], !normalized.isEmpty else {
        if !normalized.isEmpty { unknown.append(normalized) }
        slots.append(nil)
        continue
      }
      if let first = positions[slot] {
        throw .duplicateColumn(
          column: schema.inputs[slot].label, firstPosition: first + 1,
          secondPosition: position + 1)
      }
      positions[slot] = position
      slots.append(slot)
    }
    let missing = [InputRole.id, .name].compactMap { role -> Label? in
      guard let input = schema.input(role: role) else { return nil }
      return positions[input.slot] == nil ? input.label : nil
    }
    guard missing.isEmpty else { throw .missingColumns(missing: missing, found: found) }

    var fieldCount = header.count
    while fieldCount > 0, CellText.normalize(header[fieldCount - 1]).isEmpty { fieldCount -= 1 }
    self.slots = slots
    self.unknownColumns = unknown
    self.fieldCount = fieldCount
  }

  private static func key(_ name: String) -> String {
    String(decoding: CellText.normalize(name).utf8.map(WordTable.lower), as: UTF8.self)
  }
}
