import PioneerRules

/// Reads the cells of one column into typed values (spec §3).
///
/// A cell is trimmed (ASCII spaces, tabs, U+3000) and NFKC-normalised, then read by the
/// column's type; empty is `missing`. Work is done on the cell's UTF-8 bytes: ASCII and
/// plain Japanese cells skip NFKC, numbers and dates are read without making Strings (plain
/// digits and ASCII `YYYY-MM-DD` dates by shortcuts), words and industry codes are looked
/// up in tables built once per column, and values are cached by the cell as written.
public final class CellParser {
  /// The column read.
  public let input: InputDeclaration
  private let form: Form
  /// The upper bound of a numeric column.
  private let maximum: ExactNumber
  /// The upper bound of a numeric column as an `Int64`, when it is an integer that fits:
  /// a cell of plain digits is then read and bounded in a few instructions (`read(_:into:)`).
  private let plainMaximum: Int64?
  /// The spellings of a word column, or the "none" words of a date-or-none column.
  private let words: WordTable?
  private let classification: Classification?
  /// Values of short cells read before (not for text, which rarely repeats).
  private let cache = ValueCache()
  /// What a malformed cell of this column should have looked like.
  private let expectation: CellError.Expectation

  /// The column's type without payloads, so the per-cell switch copies nothing.
  private enum Form {
    case text
    case count
    case decimal
    case yen
    case date
    case dateOrNone
    case words
    case code
  }

  /// A parser for `input`, with the limits and boolean words of `schema`.
  public init(input: InputDeclaration, schema: Schema) {
    self.input = input
    var maximum = ExactNumber.zero
    var words: WordTable?
    var classification: Classification?
    switch input.type {
    case .text:
      form = .text
    case .count:
      form = .count
      maximum = schema.limits.maximumCount
    case .decimal:
      form = .decimal
      maximum = schema.limits.maximumDecimal
    case .yen:
      form = .yen
      maximum = schema.limits.maximumYen
    case .date:
      form = .date
    case .dateOrNone(let noneWords):
      form = .dateOrNone
      words = WordTable(noneWords.map { ($0, Value.none) })
    case .boolean:
      form = .words
      let booleans = schema.booleanWords
      words = WordTable(
        booleans.trueWords.map { ($0, Value.boolean(true)) }
          + booleans.falseWords.map { ($0, Value.boolean(false)) })
    case .enumeration(let declaration):
      form = .words
      var entries: [(spelling: String, value: Value)] = []
      for (index, member) in declaration.members.enumerated() {
        let value = Value.member(index)
        entries.append((member.name, value))
        entries += member.aliases.map { ($0, value) }
      }
      words = WordTable(entries)
    case .code(let declared):
      form = .code
      classification = declared
    }
    self.maximum = maximum
    switch form {
    case .count, .decimal, .yen: plainMaximum = maximum.int64Value
    case .text, .date, .dateOrNone, .words, .code: plainMaximum = nil
    }
    self.words = words
    self.classification = classification
    self.expectation = CellParser.expectation(of: input.type, schema: schema)
  }

  /// Reads one cell as written.
  public func parse(_ text: String) -> Result<Value, CellError> {
    var copy = text
    return copy.withUTF8 { bytes in
      read(bytes: bytes).mapError { error(for: $0, cell: bytes) }
    }
  }

  /// Reads one cell from its UTF-8 bytes as the CSV reader gives them (untrimmed).
  ///
  /// The cache is keyed by the cell as written, before trimming: a cell's value depends
  /// only on its bytes, and a hit, the usual case, then costs no trimming either.
  func read(bytes raw: UnsafeBufferPointer<UInt8>) -> Result<Value, CellFailure> {
    if form == .text { return .success(text(raw)) }
    if let value = cache.value(for: raw) { return .success(value) }
    return readUncached(raw)
  }

  /// Reads one cell as `read(bytes:)` does, straight into `destination`, which must be
  /// uninitialised: it gets the cell's value, or `missing` when the cell does not read;
  /// returns why it does not, or nil.
  ///
  /// The path nearly every cell of a file takes, an empty cell or one found in the cache,
  /// then costs no `Result` to build, copy and take apart, and the value is copied once.
  @inline(__always)
  func read(
    _ raw: UnsafeBufferPointer<UInt8>, into destination: UnsafeMutablePointer<Value>
  ) -> CellFailure? {
    // An empty cell is missing in every column. Such cells are never cached (missing is
    // not stored), so without this each one would go the whole slow way.
    if raw.isEmpty {
      destination.initialize(to: .missing)
      return nil
    }
    // Most numeric cells are plain digits, which read as `readPlain` reads them, more
    // cheaply than a look in the cache; and a column with many distinct numbers does not
    // fill the cache with them.
    if let plainMaximum, let digits = NumberText.plainDigits(raw) {
      guard digits <= plainMaximum else {
        destination.initialize(to: .missing)
        return .outOfRange
      }
      destination.initialize(to: .number(ExactNumber(digits)))
      return nil
    }
    if form == .text {
      readText(raw, into: destination)
      return nil
    }
    if cache.copyValue(for: raw, to: destination) { return nil }
    return readSlowly(raw, into: destination)
  }

  /// A text cell, which always reads, straight into `destination`.
  @inline(never)
  private func readText(
    _ raw: UnsafeBufferPointer<UInt8>, into destination: UnsafeMutablePointer<Value>
  ) {
    destination.initialize(to: text(raw))
  }

  /// A cell not in its home slot of the cache: read by `read(bytes:)`'s own path, which
  /// looks no more in the home slot.
  @inline(never)
  private func readSlowly(
    _ raw: UnsafeBufferPointer<UInt8>, into destination: UnsafeMutablePointer<Value>
  ) -> CellFailure? {
    switch readUncached(raw) {
    case .success(let value):
      destination.initialize(to: value)
      return nil
    case .failure(let failure):
      destination.initialize(to: .missing)
      return failure
    }
  }

  /// A text cell's value: trimmed and normalised, never cached (names and ids rarely
  /// repeat), and never a failure.
  @inline(__always)
  private func text(_ raw: UnsafeBufferPointer<UInt8>) -> Value {
    let trimmed = CellText.trim(raw)
    guard !trimmed.isEmpty else { return .missing }
    // Ids are short and ASCII: NFKC leaves them as they are, and the String needs no check.
    if let short = CellText.shortASCIIString(trimmed) { return .text(short) }
    return CellText.normalize(trimmed) { normalized in
      normalized.isEmpty ? .missing : .text(String(decoding: normalized, as: UTF8.self))
    }
  }

  /// A cell of a cached column that is not in its home slot of the cache: from the spill
  /// slot, else parsed, and its value cached.
  private func readUncached(_ raw: UnsafeBufferPointer<UInt8>) -> Result<Value, CellFailure> {
    if let value = cache.spilledValue(for: raw) { return .success(value) }
    let trimmed = CellText.trim(raw)
    guard !trimmed.isEmpty else { return .success(.missing) }
    let outcome: Result<Value, CellFailure>
    // Most word cells spell a word exactly; normalised spellings make NFKC unneeded then.
    if let words, form == .words || form == .dateOrNone, let value = words.lookup(trimmed) {
      outcome = .success(value)
    } else if let plain = readPlain(trimmed) {
      outcome = plain
    } else {
      outcome = CellText.normalize(trimmed) { normalized in
        normalized.isEmpty ? .success(.missing) : read(normalized: normalized)
      }
    }
    if case .success(let value) = outcome { cache.store(value, for: raw) }
    return outcome
  }

  /// A trimmed cell of the shape most cells of its column have (plain ASCII digits, an
  /// ASCII `YYYY-MM-DD` date), read directly; nil for any other cell, which the general
  /// path reads. Both give the same result for these shapes, which NFKC leaves unchanged
  /// (a date-or-none cell gets here after not spelling a "none" word).
  @inline(__always)
  private func readPlain(_ trimmed: UnsafeBufferPointer<UInt8>) -> Result<Value, CellFailure>? {
    switch form {
    case .count, .decimal, .yen:
      guard let digits = NumberText.plainDigits(trimmed) else { return nil }
      return NumberText.bounded(digits, maximum: maximum).map { .number($0) }
    case .date, .dateOrNone:
      return DateText.plainWestern(trimmed).map { $0.map { .date($0) } }
    case .text, .words, .code:
      return nil
    }
  }

  /// The error for a cell `read(bytes:)` or `read(_:into:)` failed on.
  func error(for failure: CellFailure, cell: UnsafeBufferPointer<UInt8>) -> CellError {
    let reason: CellError.Reason
    switch failure {
    case .malformed: reason = .expected(expectation)
    case .outOfRange: reason = .outOfRange(maximum: maximum)
    case .tooManyDigits: reason = .tooManyDigits
    case .noSuchDate: reason = .noSuchDate
    case .outsideEra(let index): reason = .outsideEra(JapaneseEra.all[index])
    }
    let text = String(decoding: CellText.trim(cell), as: UTF8.self)
    return CellError(column: input.label, text: text, reason: reason)
  }

  /// Reads a trimmed, normalised, non-empty cell.
  private func read(normalized bytes: UnsafeBufferPointer<UInt8>) -> Result<Value, CellFailure> {
    switch form {
    case .text:
      return .success(.text(String(decoding: bytes, as: UTF8.self)))  // (read by `text`)
    case .count:
      return NumberText.count(bytes, maximum: maximum).map { .number($0) }
    case .decimal:
      return NumberText.decimal(bytes, maximum: maximum).map { .number($0) }
    case .yen:
      return NumberText.yen(bytes, maximum: maximum).map { .number($0) }
    case .date:
      return DateText.parse(bytes).map { .date($0) }
    case .dateOrNone:
      if let value = words?.lookup(bytes) { return .success(value) }
      return DateText.parse(bytes).map { .date($0) }
    case .words:
      return words?.lookup(bytes).map { .success($0) } ?? .failure(.malformed)
    case .code:
      return code(bytes)
    }
  }

  /// An industry code: ASCII letters upper-cased, read by the classification.
  private func code(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Value, CellFailure> {
    guard let classification else { return .failure(.malformed) }
    let text = String(decoding: bytes.map(CellParser.upper), as: UTF8.self)
    return classification.code(text).map { .success(.code($0)) } ?? .failure(.malformed)
  }

  private static func upper(_ byte: UInt8) -> UInt8 {
    byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
  }

  private static func expectation(of type: InputType, schema: Schema) -> CellError.Expectation {
    switch type {
    case .text, .date: return .date  // (text never fails)
    case .count: return .count
    case .decimal: return .decimal
    case .yen: return .yen
    case .dateOrNone(let noneWords): return .dateOrNone(noneWords: noneWords)
    case .boolean: return .boolean(schema.booleanWords)
    case .enumeration(let declaration): return .member(of: declaration)
    case .code(let classification): return .code(of: classification)
    }
  }
}
