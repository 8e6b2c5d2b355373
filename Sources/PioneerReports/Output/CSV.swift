/// Turns one cell value into CSV text: RFC 4180 quoting plus neutralisation of spreadsheet
/// formulas (CSV injection, OWASP "CSV Injection").
///
/// Neutralisation comes first: a cell beginning with `=`, `+`, `-`, `@`, tab, CR or LF, or with
/// the full-width `＝` `＋` `－` `＠` (Japanese Excel evaluates `＝cmd|…` too, see
/// OWASP/www-community#1088), gets a leading `'` so spreadsheets show it as text. A cell that
/// is a plain number (`-3`, `+1.5`, `-0.25`: an optional ASCII sign, digits, optionally a dot
/// and digits) is left alone, since spreadsheets read it as that number, not as a formula.
///
/// Quoting comes second: the cell is wrapped in `"` (inner `"` doubled) when it contains the
/// delimiter, `"`, CR or LF, or begins or ends with a space, tab or ideographic space (U+3000),
/// which readers would otherwise trim.
public struct CSVCellEncoder: Sendable {
  /// The field separator: `,` for CSV, tab for TSV.
  public var delimiter: Unicode.Scalar
  /// Whether formula-like cells get a leading `'` (on unless the output is not meant for
  /// spreadsheets).
  public var neutralizesFormulas: Bool

  /// An encoder for `delimiter`-separated text.
  public init(delimiter: Unicode.Scalar = ",", neutralizesFormulas: Bool = true) {
    self.delimiter = delimiter
    self.neutralizesFormulas = neutralizesFormulas
  }

  /// The CSV text of one cell, neutralised and quoted as needed.
  public func encode(_ cell: String) -> String {
    let safe = neutralizesFormulas ? Self.neutralizingFormula(cell) : cell
    return needsQuotes(safe) ? Self.quoted(safe) : safe
  }

  /// `cell` with a leading `'` when a spreadsheet would read it as a formula.
  public static func neutralizingFormula(_ cell: String) -> String {
    startsLikeFormula(cell) ? "'" + cell : cell
  }

  /// Whether a spreadsheet could read `cell` as a formula: it begins with a formula starter
  /// and is not a plain number.
  public static func startsLikeFormula(_ cell: String) -> Bool {
    guard let first = cell.unicodeScalars.first, formulaStarters.contains(first) else {
      return false
    }
    return !isPlainNumber(cell)
  }

  /// Whether `text` is an optional ASCII sign, ASCII digits, and optionally `.` and digits.
  public static func isPlainNumber(_ text: String) -> Bool {
    var bytes = text.utf8[...]
    if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
      bytes = bytes.dropFirst()
    }
    let integerDigits = bytes.prefix(while: isDigit)
    guard !integerDigits.isEmpty else { return false }
    bytes = bytes.dropFirst(integerDigits.count)
    if bytes.isEmpty { return true }
    guard bytes.first == UInt8(ascii: ".") else { return false }
    let fraction = bytes.dropFirst()
    return !fraction.isEmpty && fraction.allSatisfy(isDigit)
  }

  /// `=`, `+`, `-`, `@`, tab, CR, LF and their full-width forms `＝` `＋` `－` `＠`.
  public static let formulaStarters: Set<Unicode.Scalar> = [
    "=", "+", "-", "@", "\t", "\r", "\n", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}",
  ]

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private static func isEdgeSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar == " " || scalar == "\t" || scalar == "\u{3000}"
  }

  private func needsQuotes(_ cell: String) -> Bool {
    let scalars = cell.unicodeScalars
    guard let first = scalars.first, let last = scalars.last else { return false }
    if Self.isEdgeSpace(first) || Self.isEdgeSpace(last) { return true }
    return scalars.contains { $0 == delimiter || $0 == "\"" || $0 == "\r" || $0 == "\n" }
  }

  private static func quoted(_ cell: String) -> String {
    var result = "\""
    for scalar in cell.unicodeScalars {
      if scalar == "\"" { result.unicodeScalars.append("\"") }
      result.unicodeScalars.append(scalar)
    }
    result.unicodeScalars.append("\"")
    return result
  }
}

/// Writes CSV rows to a `ByteSink`.
///
/// Every row ends with the chosen line end (CRLF by default, as RFC 4180 and Excel expect);
/// line breaks inside cells are kept as they are, inside quotes. With `byteOrderMark`, the
/// UTF-8 BOM (EF BB BF) comes before the first row, which makes Excel read UTF-8.
public final class CSVWriter {
  /// The bytes that end a row.
  public enum LineEnding: Sendable {
    /// CR LF, as RFC 4180 specifies.
    case crlf
    /// LF alone.
    case lf

    var bytes: [UInt8] {
      switch self {
      case .crlf: return [0x0D, 0x0A]
      case .lf: return [0x0A]
      }
    }
  }

  /// The UTF-8 byte order mark.
  public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  private let sink: any ByteSink
  private let lineEnding: [UInt8]
  private let encoder: CSVCellEncoder
  private var needsByteOrderMark: Bool

  /// A writer to `sink`.
  ///
  /// - Parameters:
  ///   - lineEnding: what ends every row.
  ///   - byteOrderMark: whether the UTF-8 BOM precedes the first row.
  ///   - encoder: how cells are neutralised and quoted (also picks the delimiter).
  public init(
    to sink: any ByteSink, lineEnding: LineEnding = .crlf, byteOrderMark: Bool = false,
    encoder: CSVCellEncoder = CSVCellEncoder()
  ) {
    self.sink = sink
    self.lineEnding = lineEnding.bytes
    self.needsByteOrderMark = byteOrderMark
    self.encoder = encoder
  }

  /// Writes one row: the encoded cells separated by the delimiter, then the line end.
  ///
  /// A row of one empty cell is written as `""` so that it is not read as a blank line.
  public func writeRow<S: Sequence<String>>(_ cells: S) throws {
    try writeByteOrderMarkIfNeeded()
    row.removeAll(keepingCapacity: true)
    var count = 0
    let delimiter = UInt8(truncatingIfNeeded: encoder.delimiter.value)
    for cell in cells {
      if count > 0 { row.append(delimiter) }
      count = count &+ 1
      // Most cells (ids, codes, pass/fail) need neither quotes nor neutralising: copy their
      // bytes; only the others go through the encoder.
      if CSVWriter.isPlain(cell.utf8, delimiter: delimiter) {
        row.append(contentsOf: cell.utf8)
      } else {
        row.append(contentsOf: encoder.encode(cell).utf8)
      }
    }
    // A lone empty cell would make a blank line, which readers skip; quote it instead.
    if count == 1 && row.isEmpty { row = [0x22, 0x22] }
    row.append(contentsOf: lineEnding)
    try sink.write(row)
    // Leave the buffer empty: a row built cell by cell may come next.
    row.removeAll(keepingCapacity: true)
  }

  /// The bytes of the row being written, reused from row to row. Touched per cell and only
  /// by the writer's own thread, so the runtime's exclusivity check is skipped.
  @exclusivity(unchecked) private var row: [UInt8] = []
  @exclusivity(unchecked) private var cellsInRow = 0

  // MARK: Cell by cell, for the hot path: no array of strings per row.

  /// Appends one cell to the row being built, encoded like `writeRow` encodes it.
  public func appendCell(_ cell: String) {
    let delimiter = UInt8(truncatingIfNeeded: encoder.delimiter.value)
    if cellsInRow > 0 { row.append(delimiter) }
    cellsInRow &+= 1
    if CSVWriter.isPlain(cell.utf8, delimiter: delimiter) {
      row.append(contentsOf: cell.utf8)
    } else {
      row.append(contentsOf: encoder.encode(cell).utf8)
    }
  }

  /// Appends a cell the caller has already encoded (a fixed word such as `pass`).
  public func appendEncodedCell(_ bytes: [UInt8]) {
    if cellsInRow > 0 { row.append(UInt8(truncatingIfNeeded: encoder.delimiter.value)) }
    cellsInRow &+= 1
    row.append(contentsOf: bytes)
  }

  /// Appends an integer cell.
  public func appendCell(_ number: Int) {
    if cellsInRow > 0 { row.append(UInt8(truncatingIfNeeded: encoder.delimiter.value)) }
    cellsInRow &+= 1
    row.append(contentsOf: String(number).utf8)
  }

  /// Ends the row built with `appendCell` and writes it.
  public func endRow() throws {
    try writeByteOrderMarkIfNeeded()
    if cellsInRow == 1 && row.isEmpty { row = [0x22, 0x22] }
    row.append(contentsOf: lineEnding)
    try sink.write(row)
    row.removeAll(keepingCapacity: true)
    cellsInRow = 0
  }

  /// The form `appendEncodedCell` takes for a fixed text.
  public func encoded(_ cell: String) -> [UInt8] {
    Array(encoder.encode(cell).utf8)
  }

  /// Conservative: true only when the encoder would return the cell unchanged. Any lead
  /// byte of a full-width formula starter (EF) or of U+3000 (E3) at either end sends the cell
  /// to the encoder.
  static func isPlain(_ bytes: String.UTF8View, delimiter: UInt8) -> Bool {
    guard let first = bytes.first, let last = bytes.last else { return true }
    switch first {
    case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D, 0x0A, 0x20, 0xEF, 0xE3: return false
    default: break
    }
    if last == 0x20 || last == 0x09 || last == 0x80 { return false }
    for byte in bytes where byte == delimiter || byte == 0x22 || byte == 0x0D || byte == 0x0A {
      return false
    }
    return true
  }

  /// Writes the BOM if it was asked for and nothing was written yet, then flushes the sink.
  public func finish() throws {
    try writeByteOrderMarkIfNeeded()
    try sink.flush()
  }

  private func writeByteOrderMarkIfNeeded() throws {
    guard needsByteOrderMark else { return }
    needsByteOrderMark = false
    try sink.write(Self.byteOrderMark)
  }
}
