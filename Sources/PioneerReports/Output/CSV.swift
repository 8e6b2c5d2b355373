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
  /// The delimiter as the one byte written between cells.
  private let delimiterByte: UInt8
  /// Whether `isPlain` may judge cells by their bytes: the delimiter is ASCII, so a cell
  /// that contains it contains its byte.
  private let delimiterIsASCII: Bool
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
    self.delimiterByte = UInt8(truncatingIfNeeded: encoder.delimiter.value)
    self.delimiterIsASCII = encoder.delimiter.isASCII
  }

  /// Writes one row: the encoded cells separated by the delimiter, then the line end.
  ///
  /// A row of one empty cell is written as `""` so that it is not read as a blank line.
  public func writeRow<S: Sequence<String>>(_ cells: S) throws {
    try writeByteOrderMarkIfNeeded()
    row.removeAll()
    var count = 0
    for cell in cells {
      if count > 0 { row.append(delimiterByte) }
      count = count &+ 1
      appendEncoded(cell)
    }
    // A lone empty cell would make a blank line, which readers skip; quote it instead.
    if count == 1 && row.isEmpty { row.append(contentsOf: [0x22, 0x22]) }
    row.append(contentsOf: lineEnding)
    try row.withBytes { try sink.write($0) }
    // Leave the buffer empty: a row built cell by cell may come next.
    row.removeAll()
  }

  /// The bytes of the row being written, reused from row to row.
  private let row = RowBuffer()
  /// Touched per cell and only by the writer's own thread, so the runtime's exclusivity
  /// check is skipped.
  @exclusivity(unchecked) private var cellsInRow = 0

  // MARK: Cell by cell, for the hot path: no array of strings per row.

  /// Appends one cell to the row being built, encoded like `writeRow` encodes it.
  public func appendCell(_ cell: String) {
    if cellsInRow > 0 { row.append(delimiterByte) }
    cellsInRow &+= 1
    appendEncoded(cell)
  }

  /// Appends a cell the caller has already encoded (a fixed word such as `pass`).
  public func appendEncodedCell(_ bytes: [UInt8]) {
    if cellsInRow > 0 { row.append(delimiterByte) }
    cellsInRow &+= 1
    row.append(contentsOf: bytes)
  }

  /// Appends a cell the caller has already encoded, from bytes it holds.
  public func appendEncodedCell(_ bytes: UnsafeBufferPointer<UInt8>) {
    if cellsInRow > 0 { row.append(delimiterByte) }
    cellsInRow &+= 1
    row.append(bytes)
  }

  /// Appends an integer cell: its decimal digits, written straight into the row (a number
  /// is never neutralised, so no text is made for it).
  public func appendCell(_ number: Int) {
    if cellsInRow > 0 { row.append(delimiterByte) }
    cellsInRow &+= 1
    if number < 0 { row.append(UInt8(ascii: "-")) }
    // `magnitude` is a UInt, so even Int.min has one; 20 digits hold any UInt64.
    var rest = number.magnitude
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var start = digits.count
      repeat {
        start &-= 1
        digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
        rest /= 10
      } while rest > 0 && start > 0
      row.append(UnsafeBufferPointer(rebasing: digits[start...]))
    }
  }

  /// Appends `cell`'s bytes as they are when they need neither quotes nor neutralising (ids,
  /// names, codes: most cells), else as the encoder rewrites them.
  private func appendEncoded(_ cell: String) {
    // A plain cell's bytes are copied from the buffer they were checked in, in one piece.
    let copied = cell.utf8.withContiguousStorageIfAvailable { bytes in
      guard delimiterIsASCII && CSVWriter.isPlain(bytes, delimiter: delimiterByte) else {
        return false
      }
      row.append(bytes)
      return true
    }
    if copied != true {
      var encoded = encoder.encode(cell)
      encoded.withUTF8 { row.append($0) }
    }
  }

  /// Ends the row built with `appendCell` and writes it.
  public func endRow() throws {
    try writeByteOrderMarkIfNeeded()
    if cellsInRow == 1 && row.isEmpty { row.append(contentsOf: [0x22, 0x22]) }
    row.append(contentsOf: lineEnding)
    // Straight to the sink's raw-buffer requirement: the generic `write` for collections
    // went through an unspecialised `withContiguousStorageIfAvailable` on every row.
    try row.withBytes { try sink.write($0) }
    row.removeAll()
    cellsInRow = 0
  }

  /// The form `appendEncodedCell` takes for a fixed text.
  public func encoded(_ cell: String) -> [UInt8] {
    Array(encoder.encode(cell).utf8)
  }

  /// True only when the encoder would return the cell unchanged (`delimiter` must be ASCII).
  static func isPlain(_ bytes: String.UTF8View, delimiter: UInt8) -> Bool {
    bytes.withContiguousStorageIfAvailable { isPlain($0, delimiter: delimiter) }
      ?? isPlain(Array(bytes), delimiter: delimiter)
  }

  /// True only when the encoder would return the cell of these UTF-8 bytes unchanged: it
  /// starts with no formula starter (ASCII or full-width), neither starts nor ends with a
  /// space, tab or U+3000, and holds no delimiter, quote, CR or LF. A plain number that starts
  /// with a sign is sent to the encoder too, which leaves it alone.
  static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> Bool {
    let count = bytes.count
    guard count > 0 else { return true }
    switch bytes[0] {
    case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D, 0x0A, 0x20: return false
    case 0xEF:
      // ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20) are EF BC 9D, EF BC 8B, EF BC 8D, EF BC A0.
      if count >= 3 && bytes[1] == 0xBC
        && (bytes[2] == 0x9D || bytes[2] == 0x8B || bytes[2] == 0x8D || bytes[2] == 0xA0)
      {
        return false
      }
    case 0xE3:
      // U+3000 is E3 80 80.
      if count >= 3 && bytes[1] == 0x80 && bytes[2] == 0x80 { return false }
    default: break
    }
    let last = bytes[count &- 1]
    if last == 0x20 || last == 0x09 { return false }
    if count >= 3 && last == 0x80 && bytes[count &- 2] == 0x80 && bytes[count &- 3] == 0xE3 {
      return false
    }
    for byte in bytes where byte == delimiter || byte == 0x22 || byte == 0x0D || byte == 0x0A {
      return false
    }
    return true
  }

  /// `isPlain` for bytes in an array (a string with no contiguous UTF-8 of its own).
  private static func isPlain(_ bytes: [UInt8], delimiter: UInt8) -> Bool {
    bytes.withUnsafeBufferPointer { isPlain($0, delimiter: delimiter) }
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

/// The bytes of the row a `CSVWriter` is building, reused from row to row: a growing buffer
/// filled by plain copies. `Array.append(contentsOf:)` cost some 75 instructions per cell,
/// most of what appending a short fixed word costs. Used only by its writer's thread.
private final class RowBuffer {
  private(set) var count = 0
  private var capacity = 512
  private var storage: UnsafeMutablePointer<UInt8>

  init() {
    storage = .allocate(capacity: capacity)
  }

  deinit {
    storage.deallocate()
  }

  var isEmpty: Bool { count == 0 }

  func append(_ byte: UInt8) {
    reserve(1)
    (storage + count).initialize(to: byte)
    count += 1
  }

  func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
    reserve(bytes.count)
    (storage + count).initialize(from: base, count: bytes.count)
    count += bytes.count
  }

  func append(contentsOf bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { append($0) }
  }

  /// Forgets the bytes, keeping the memory.
  func removeAll() {
    count = 0
  }

  func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try body(UnsafeRawBufferPointer(start: storage, count: count))
  }

  /// Makes room for `extra` more bytes, at least doubling (sizes are of memory actually
  /// held, so the sums cannot overflow).
  private func reserve(_ extra: Int) {
    let needed = count + extra
    guard needed > capacity else { return }
    let newCapacity = max(needed, capacity &* 2)
    let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newStorage.initialize(from: storage, count: count)
    storage.deallocate()
    storage = newStorage
    capacity = newCapacity
  }
}
