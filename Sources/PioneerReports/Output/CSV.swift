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
  let delimiterByte: UInt8
  /// Whether `isPlain` may judge cells by their bytes: the delimiter is ASCII, so a cell
  /// that contains it contains its byte.
  private let delimiterIsASCII: Bool
  private var needsByteOrderMark: Bool
  /// What `CSVRowCursor` needs to know of this writer, worked out once.
  private let rowFormat: CSVRowCursor.Format

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
    self.rowFormat = CSVRowCursor.Format(encoder: encoder, crlf: lineEnding == .crlf)
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
    row.removeAll()
  }

  /// The bytes of the row `writeRow` is writing, reused from row to row.
  private let row = RowBuffer()

  /// Appends `cell`'s bytes as they are when they need neither quotes nor neutralising (ids,
  /// names, codes: most cells), else as the encoder rewrites them.
  private func appendEncoded(_ cell: String) {
    withEncodedBytes(of: cell) { row.append($0) }
  }

  /// Calls `body` with the bytes this writer writes for `cell`: the cell's own UTF-8 when it
  /// needs neither quotes nor neutralising (most cells, which are then neither copied nor
  /// rewritten), else the encoder's text.
  func withEncodedBytes<R>(
    of cell: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R
  ) rethrows -> R {
    if delimiterIsASCII,
      let plain = try cell.utf8.withContiguousStorageIfAvailable({ bytes -> R? in
        guard CSVWriter.isPlain(bytes, delimiter: delimiterByte) else { return nil }
        return try body(bytes)
      }), let result = plain
    {
      return result
    }
    var encoded = encoder.encode(cell)
    return try encoded.withUTF8(body)
  }

  // MARK: Rows written in place, for the hot path

  /// Writes one row straight into the sink's buffer, the room checked once for the row:
  /// `fill` makes a `CSVRowCursor` over the room it is given (`makeCursor(over:)`), appends
  /// the cells, and returns what the cursor's `endRow()` returns.
  ///
  /// `fill` goes to the sink as it is, so that a row costs one closure call: a cursor made
  /// here and handed to `fill` would need a closure around it.
  ///
  /// - Parameter maximumByteCount: at least the bytes the row's cells take with a delimiter
  ///   each (`CSVRowCursor.maximumByteCount(of:)` for a text cell); the line end and the
  ///   cursor's copying room are added here.
  /// - Returns: false, having written nothing, when `fill` abandoned the row or it did not
  ///   fit `maximumByteCount`; the caller then writes the row another way.
  @inline(__always)
  func writeRowInPlace(
    maximumByteCount: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Int
  ) throws -> Bool {
    let (room, overflow) = maximumByteCount.addingReportingOverflow(CSVRowCursor.spareRoom)
    guard !overflow, maximumByteCount >= 0 else { return false }
    try writeByteOrderMarkIfNeeded()
    // Every row has at least its line end, so nothing written means abandoned.
    return try sink.writeInPlace(atMost: room, fill) > 0
  }

  /// A cursor for `writeRowInPlace`'s `fill` over the room it was given; nil for room
  /// without memory, which no sink gives.
  @inline(__always)
  func makeCursor(over room: UnsafeMutableRawBufferPointer) -> CSVRowCursor? {
    guard let base = room.baseAddress else { return nil }
    return CSVRowCursor(base, capacity: room.count, format: rowFormat)
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
    hasPlainEdges(bytes) && !containsQuotedByte(bytes, delimiter: delimiter)
  }

  /// Whether the cell of these UTF-8 bytes starts with no formula starter (ASCII or
  /// full-width) and neither starts nor ends with a space, tab or U+3000: the part of
  /// `isPlain` that looks only at its ends.
  @inline(__always)
  static func hasPlainEdges(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
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
    return true
  }

  /// Whether `bytes` hold the delimiter, `"`, CR or LF: the bytes that make a cell quoted.
  /// Eight bytes at a time when the delimiter allows (`quotedBytesBelow`).
  static func containsQuotedByte(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> Bool {
    guard let base = bytes.baseAddress, let below = quotedBytesBelow(delimiter: delimiter) else {
      return bytes.contains { isQuotedByte($0, delimiter: delimiter) }
    }
    let count = bytes.count
    let raw = UnsafeRawPointer(base)
    func wordHasQuotedByte(at offset: Int) -> Bool {
      // `offset + 8 <= count` at every call, so the load stays inside `bytes`.
      let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      return mayHoldQuotedByte(word, below: below)
        && containsQuotedByte(at: base + offset, delimiter: delimiter)
    }
    var offset = 0
    while count &- offset >= 8 {
      if wordHasQuotedByte(at: offset) { return true }
      offset &+= 8
    }
    guard offset < count else { return false }
    // The last one to seven bytes: in the cell's last eight when it has eight (the overlap
    // with the word before was already clean), else one by one.
    if count >= 8 { return wordHasQuotedByte(at: count &- 8) }
    return UnsafeBufferPointer(rebasing: bytes[offset...]).contains {
      isQuotedByte($0, delimiter: delimiter)
    }
  }

  /// The byte `threshold` repeated in each byte of a word, for `mayHoldQuotedByte`: nil when
  /// the delimiter is not ASCII, and the bytes must be looked at one by one.
  ///
  /// All four quoted bytes are below `threshold`, and a word with no byte below it (Japanese
  /// text, letters, digits: nearly every word of a name) holds none of them.
  static func quotedBytesBelow(delimiter: UInt8) -> UInt64? {
    let threshold = UInt64(max(delimiter, UInt8(ascii: "\""))) &+ 1
    return threshold <= 0x80 ? 0x0101_0101_0101_0101 &* threshold : nil
  }

  /// Whether some byte of `word` is below the threshold `below` repeats: exact for a
  /// threshold of at most 0x80 (`(x - n·0x01…) & ~x & 0x80…` is non-zero if and only if some
  /// byte of x is below n). Only a word it flags needs looking at byte by byte.
  @inline(__always)
  static func mayHoldQuotedByte(_ word: UInt64, below: UInt64) -> Bool {
    (word &- below) & ~word & 0x8080_8080_8080_8080 != 0
  }

  /// Whether one of the eight bytes at `start` is a quoted byte.
  static func containsQuotedByte(at start: UnsafePointer<UInt8>, delimiter: UInt8) -> Bool {
    UnsafeBufferPointer(start: start, count: 8).contains { isQuotedByte($0, delimiter: delimiter) }
  }

  static func isQuotedByte(_ byte: UInt8, delimiter: UInt8) -> Bool {
    byte == delimiter || byte == 0x22 || byte == 0x0D || byte == 0x0A
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

/// Appends the cells of one row into the room a sink lent for it (`CSVWriter.writeRowInPlace`,
/// `CSVWriter.makeCursor(over:)`).
///
/// Each cell is written with a delimiter after it, and `endRow` turns the last one into the
/// line end: so no append asks whether it is the first. Every append checks the room left; a
/// row that does not fit, or that its writer gives up on (`abandon()`), is marked abandoned
/// and none of it is kept.
struct CSVRowCursor {
  /// Room beyond the caller's bound: the line end, the `""` of a lone empty cell, and the
  /// whole 16-byte blocks `append(_:from:)` copies.
  static let spareRoom = 32
  /// The most an integer cell takes: a sign, 19 digits and the delimiter.
  static let numberCellBytes = 21

  /// The most `cell` can take with its delimiter: a leading `'`, every byte a doubled quote,
  /// two quotes around. (Sizes of bytes in memory, so the sum cannot overflow.)
  static func maximumByteCount(of cell: String) -> Int {
    2 * cell.utf8.count + 4
  }

  /// `maximumByteCount(of:)` of the cell of these UTF-8 bytes.
  static func maximumByteCount(ofUTF8 cell: UnsafeBufferPointer<UInt8>) -> Int {
    2 * cell.count + 4
  }

  /// How a writer writes rows: its encoder and line end, and what the cursor derives from
  /// them.
  struct Format {
    let encoder: CSVCellEncoder
    let delimiter: UInt8
    /// Whether a cell may be judged plain by its bytes (the delimiter is ASCII).
    let plainByBytes: Bool
    /// For scanning text cells eight bytes at a time (`CSVWriter.quotedBytesBelow`).
    let quotedBytesBelow: UInt64?
    let crlf: Bool

    init(encoder: CSVCellEncoder, crlf: Bool) {
      self.encoder = encoder
      delimiter = UInt8(truncatingIfNeeded: encoder.delimiter.value)
      plainByBytes = encoder.delimiter.isASCII
      quotedBytesBelow = CSVWriter.quotedBytesBelow(delimiter: delimiter)
      self.crlf = crlf
    }
  }

  private let base: UnsafeMutableRawPointer
  private let capacity: Int
  private let format: Format
  private var delimiter: UInt8 { format.delimiter }
  /// Bytes written so far.
  private var count = 0
  private var isAbandoned = false

  init(_ base: UnsafeMutableRawPointer, capacity: Int, format: Format) {
    self.base = base
    self.capacity = capacity
    self.format = format
  }

  /// Gives the row up: nothing of it is written.
  mutating func abandon() {
    isAbandoned = true
  }

  /// Appends an empty cell.
  @inline(__always)
  mutating func appendEmptyCell() {
    guard count < capacity else { return abandon() }
    base.storeBytes(of: delimiter, toByteOffset: count, as: UInt8.self)
    count &+= 1
  }

  /// Appends a text cell: its own bytes when plain, else as the encoder rewrites it.
  @inline(__always)
  mutating func append(_ cell: String) {
    // The errors cell is nearly always empty.
    if cell.isEmpty { return appendEmptyCell() }
    let copied = cell.utf8.withContiguousStorageIfAvailable { appendIfPlain($0) }
    if copied != true { appendEncoded(cell) }
  }

  /// Appends the text cell of these UTF-8 bytes, as `append(_:)` appends its String.
  @inline(__always)
  mutating func append(utf8 cell: UnsafeBufferPointer<UInt8>) {
    if cell.isEmpty { return appendEmptyCell() }
    if !appendIfPlain(cell) { appendEncoded(String(decoding: cell, as: UTF8.self)) }
  }

  // Out of line: rare, and it would only make the rows' code bigger.
  @inline(never)
  private mutating func appendEncoded(_ cell: String) {
    var encoded = format.encoder.encode(cell)
    encoded.withUTF8 { appendBytes($0) }
  }

  /// Copies the bytes of a plain cell (`CSVWriter.isPlain`) and its delimiter, checking them
  /// as they are copied; false, with nothing counted as written, for any other cell.
  @inline(__always)
  private mutating func appendIfPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let length = bytes.count
    guard format.plainByBytes, let source = bytes.baseAddress, length < capacity &- count,
      CSVWriter.hasPlainEdges(bytes)
    else { return false }
    let target = base + count
    if length >= 8, let below = format.quotedBytesBelow {
      // Every load and store is of eight bytes within the cell's `length` (the last one
      // overlapping the one before), so within `bytes` and the room checked above.
      let raw = UnsafeRawPointer(source)
      var offset = 0
      var last = false
      while true {
        let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        if CSVWriter.mayHoldQuotedByte(word, below: below)
          && CSVWriter.containsQuotedByte(at: source + offset, delimiter: delimiter)
        {
          return false
        }
        target.storeBytes(of: word, toByteOffset: offset, as: UInt64.self)
        if last { break }
        offset &+= 8
        if length &- offset < 8 {
          guard offset < length else { break }
          offset = length &- 8
          last = true
        }
      }
    } else {
      for index in 0..<length {
        let byte = source[index]
        if CSVWriter.isQuotedByte(byte, delimiter: delimiter) { return false }
        target.storeBytes(of: byte, toByteOffset: index, as: UInt8.self)
      }
    }
    count &+= length
    base.storeBytes(of: delimiter, toByteOffset: count, as: UInt8.self)
    count &+= 1
    return true
  }

  private mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard bytes.count < capacity &- count else { return abandon() }
    if let source = bytes.baseAddress {
      (base + count).copyMemory(from: source, byteCount: bytes.count)
    }
    count &+= bytes.count
    base.storeBytes(of: delimiter, toByteOffset: count, as: UInt8.self)
    count &+= 1
  }

  /// Appends an integer cell: its decimal digits (a number is never neutralised).
  @inline(__always)
  mutating func append(_ number: Int) {
    guard CSVRowCursor.numberCellBytes <= capacity &- count else { return abandon() }
    if number < 0 {
      base.storeBytes(of: UInt8(ascii: "-"), toByteOffset: count, as: UInt8.self)
      count &+= 1
    }
    // `magnitude` is a UInt, so even Int.min has one, of at most 19 digits (below 10^19,
    // which a UInt holds, so `power` cannot overflow).
    var rest = number.magnitude
    var digits = 1
    var power: UInt = 10
    while rest >= power && digits < 19 {
      digits &+= 1
      power &*= 10
    }
    count &+= digits
    // From the last digit back, two at a time: a line number takes three steps, not six.
    var end = count
    while rest >= 10 {
      let pair = rest % 100
      rest /= 100
      let tens = pair / 10
      let characters = UInt16(truncatingIfNeeded: 0x3030 | (pair &- tens &* 10) << 8 | tens)
      end &-= 2
      // `rest` had two digits left here, so `end - 2` is still within the number.
      base.storeBytes(of: characters.littleEndian, toByteOffset: end, as: UInt16.self)
    }
    if rest > 0 || digits == 1 {
      base.storeBytes(
        of: UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest), toByteOffset: end &- 1,
        as: UInt8.self)
    }
    base.storeBytes(of: delimiter, toByteOffset: count, as: UInt8.self)
    count &+= 1
  }

  /// Appends a fixed cell of `cells` (delimiter included), copied in whole 16-byte blocks.
  @inline(__always)
  mutating func append(_ cell: CSVFixedCells.Cell, from cells: CSVFixedCells) {
    // `blocks` bytes are read from the table and written to the room: both must hold them.
    guard cell.offset <= cells.byteCount &- cell.blocks, cell.blocks <= capacity &- count else {
      return abandon()
    }
    let source = UnsafeRawPointer(cells.bytes + cell.offset)
    let target = base + count
    var copied = 0
    repeat {
      let block = source.loadUnaligned(fromByteOffset: copied, as: SIMD16<UInt8>.self)
      target.storeBytes(of: block, toByteOffset: copied, as: SIMD16<UInt8>.self)
      copied &+= 16
    } while copied < cell.count
    count &+= cell.count
  }

  /// Ends the row: the delimiter after the last cell becomes the line end, and a lone empty
  /// cell is written `""` so that the row is not read as a blank line.
  ///
  /// - Returns: the row's length, or 0 when it was abandoned (a row has at least its line
  ///   end), which is what `fill` returns to the sink.
  @inline(__always)
  mutating func endRow() -> Int {
    guard !isAbandoned, capacity &- count >= 3 else { return 0 }
    switch count {
    case 0: break  // no cells
    case 1:
      // Every cell but an empty one takes more than its delimiter.
      base.storeBytes(of: 0x2222 as UInt16, toByteOffset: 0, as: UInt16.self)
      count = 2
    default: count &-= 1
    }
    if format.crlf {
      base.storeBytes(of: 0x0D, toByteOffset: count, as: UInt8.self)
      count &+= 1
    }
    base.storeBytes(of: 0x0A, toByteOffset: count, as: UInt8.self)
    count &+= 1
    return count
  }
}

/// Cells that never vary (outcome labels, criterion words), encoded once by a writer and kept
/// each with its delimiter after it in one buffer padded to whole 16-byte blocks, so that a row
/// copies one in a 16-byte move or two rather than a call to `memcpy`.
final class CSVFixedCells {
  /// One stored cell: its bytes and delimiter.
  struct Cell {
    fileprivate let offset: Int
    /// The bytes of the cell with its delimiter.
    let count: Int
    /// `count` rounded up to whole 16-byte blocks (at least one).
    fileprivate let blocks: Int
  }

  fileprivate let bytes: UnsafeMutableRawPointer
  fileprivate let byteCount: Int

  /// Collects the cells, then `finish()` makes the table.
  struct Builder {
    private let writer: CSVWriter
    private var bytes: [UInt8] = []

    init(for writer: CSVWriter) {
      self.writer = writer
    }

    /// Stores `text` as `writer` encodes it.
    mutating func add(_ text: String) -> Cell {
      add(joining: [text])
    }

    /// Stores the cells of `texts` one after the other as a single cell, for several cells
    /// that a row takes together.
    mutating func add(joining texts: [String]) -> Cell {
      let offset = bytes.count
      for text in texts {
        writer.withEncodedBytes(of: text) { bytes.append(contentsOf: $0) }
        bytes.append(writer.delimiterByte)
      }
      let count = bytes.count - offset
      let blocks = (count + 15) / 16 * 16
      bytes += repeatElement(0, count: blocks - count)
      return Cell(offset: offset, count: count, blocks: blocks)
    }

    func finish() -> CSVFixedCells {
      CSVFixedCells(bytes)
    }
  }

  private init(_ stored: [UInt8]) {
    byteCount = stored.count
    bytes = .allocate(byteCount: max(stored.count, 1), alignment: 16)
    stored.withUnsafeBytes { stored in
      if let source = stored.baseAddress { bytes.copyMemory(from: source, byteCount: stored.count) }
    }
  }

  deinit {
    bytes.deallocate()
  }
}

/// The bytes of the row `CSVWriter.writeRow` is building, reused from row to row: a growing
/// buffer filled by plain copies. Used only by its writer's thread.
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
