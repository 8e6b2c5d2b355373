/// JSON string escaping per RFC 8259 §7.
///
/// `"` and `\` are escaped with a backslash; every control character U+0000–U+001F is written
/// as `\u00XX` (lowercase hex, also for tab and newline, so the rule has no special cases);
/// U+2028 and U+2029 become `\u2028` and `\u2029` so the text is also valid JavaScript.
/// Everything else, including non-ASCII text such as 日本語, stays as UTF-8.
public enum JSONEncoding {
  /// `text` escaped and wrapped in double quotes: a complete JSON string.
  public static func quoted(_ text: String) -> String {
    var bytes: [UInt8] = []
    appendQuoted(text, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `text` escaped, without the surrounding quotes.
  public static func escaped(_ text: String) -> String {
    var bytes: [UInt8] = []
    appendEscaped(text, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the quoted, escaped UTF-8 of `text` to `bytes`.
  public static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    appendEscaped(text, to: &bytes)
    bytes.append(UInt8(ascii: "\""))
  }

  /// Whether `literal` is a number in JSON syntax: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
  public static func isValidNumber(_ literal: String) -> Bool {
    var rest = literal.utf8[...]
    if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
    guard let lead = rest.first, isDigit(lead) else { return false }
    if lead == UInt8(ascii: "0") {
      rest = rest.dropFirst()
    } else {
      rest = rest.drop(while: isDigit)
    }
    if rest.first == UInt8(ascii: ".") {
      rest = rest.dropFirst()
      guard let digit = rest.first, isDigit(digit) else { return false }
      rest = rest.drop(while: isDigit)
    }
    if rest.first == UInt8(ascii: "e") || rest.first == UInt8(ascii: "E") {
      rest = rest.dropFirst()
      if rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-") {
        rest = rest.dropFirst()
      }
      guard let digit = rest.first, isDigit(digit) else { return false }
      rest = rest.drop(while: isDigit)
    }
    return rest.isEmpty
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  private static func appendEscaped(_ text: String, to bytes: inout [UInt8]) {
    let utf8 = Array(text.utf8)
    bytes.reserveCapacity(bytes.count &+ utf8.count &+ 2)
    var index = 0
    while index < utf8.count {
      let byte = utf8[index]
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"):
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(byte)
      case 0x00..<0x20:
        bytes.append(contentsOf: Array("\\u00".utf8))
        bytes.append(hexDigits[Int(byte &>> 4)])
        bytes.append(hexDigits[Int(byte & 0x0F)])
      case 0xE2
      where index &+ 2 < utf8.count && utf8[index &+ 1] == 0x80
        && (utf8[index &+ 2] == 0xA8 || utf8[index &+ 2] == 0xA9):
        // U+2028 LINE SEPARATOR is E2 80 A8, U+2029 PARAGRAPH SEPARATOR is E2 80 A9.
        bytes.append(contentsOf: Array((utf8[index &+ 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8))
        index = index &+ 2
      default:
        bytes.append(byte)
      }
      index = index &+ 1
    }
  }
}

/// A small streaming JSON writer with deterministic, pretty-printed output.
///
/// Values are written in the order of the calls; object keys keep the order they were written
/// in. Output is indented by two spaces per level, with `": "` after keys, one value per line,
/// empty containers as `{}` / `[]` and a final newline from `finish()`:
///
/// ```swift
/// let writer = JSONWriter(to: sink)
/// try writer.object {
///   try writer.field("id", "A-001")
///   try writer.field("count", 3)
///   try writer.array("tags") { try writer.string("hyakusen") }
/// }
/// try writer.finish()
/// ```
///
/// Calls that would make invalid JSON (a value without a key in an object, a repeated key, a
/// mismatched end, …) throw `OutputError.invalidJSON` before anything is written.
public final class JSONWriter {
  private enum Container {
    case object(keys: Set<String>, awaitingValue: Bool)
    case array(count: Int)
  }

  private let sink: any ByteSink
  private var stack: [Container] = []
  private var hasTopLevelValue = false
  private static let indentUnit = 2

  /// A writer to `sink`.
  public init(to sink: any ByteSink) {
    self.sink = sink
  }

  // MARK: Containers

  /// Opens an object (`{`).
  public func beginObject() throws {
    try beforeValue()
    try sink.write(CollectionOfOne(UInt8(ascii: "{")))
    stack.append(.object(keys: [], awaitingValue: false))
  }

  /// Closes the innermost object (`}`).
  public func endObject() throws {
    guard case .object(let keys, false) = stack.last else {
      throw OutputError.invalidJSON(.mismatchedEnd)
    }
    stack.removeLast()
    try closeContainer(isEmpty: keys.isEmpty, closer: "}")
  }

  /// Opens an array (`[`).
  public func beginArray() throws {
    try beforeValue()
    try sink.write(CollectionOfOne(UInt8(ascii: "[")))
    stack.append(.array(count: 0))
  }

  /// Closes the innermost array (`]`).
  public func endArray() throws {
    guard case .array(let count) = stack.last else {
      throw OutputError.invalidJSON(.mismatchedEnd)
    }
    stack.removeLast()
    try closeContainer(isEmpty: count == 0, closer: "]")
  }

  /// Writes an object whose members `body` writes.
  public func object(_ body: () throws -> Void) throws {
    try beginObject()
    try body()
    try endObject()
  }

  /// Writes an array whose elements `body` writes.
  public func array(_ body: () throws -> Void) throws {
    try beginArray()
    try body()
    try endArray()
  }

  /// Writes `key` and then an object whose members `body` writes.
  public func object(_ key: String, _ body: () throws -> Void) throws {
    try self.key(key)
    try object(body)
  }

  /// Writes `key` and then an array whose elements `body` writes.
  public func array(_ key: String, _ body: () throws -> Void) throws {
    try self.key(key)
    try array(body)
  }

  // MARK: Keys and values

  /// Writes a member name; the next call must write its value.
  public func key(_ key: String) throws {
    guard case .object(var keys, false) = stack.last else {
      throw OutputError.invalidJSON(.unexpectedKey(key))
    }
    guard keys.insert(key).inserted else {
      throw OutputError.invalidJSON(.duplicateKey(key))
    }
    let isFirst = keys.count == 1
    stack[stack.count &- 1] = .object(keys: keys, awaitingValue: true)
    var bytes: [UInt8] = isFirst ? [] : [UInt8(ascii: ",")]
    appendNewlineAndIndent(to: &bytes, level: stack.count)
    JSONEncoding.appendQuoted(key, to: &bytes)
    bytes.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
    try sink.write(bytes)
  }

  /// Writes a string value.
  public func string(_ value: String) throws {
    try beforeValue()
    var bytes: [UInt8] = []
    JSONEncoding.appendQuoted(value, to: &bytes)
    try sink.write(bytes)
  }

  /// Writes an integer value.
  public func integer<T: BinaryInteger>(_ value: T) throws {
    try beforeValue()
    try sink.write(String(value))
  }

  /// Writes `true` or `false`.
  public func bool(_ value: Bool) throws {
    try beforeValue()
    try sink.write(value ? "true" : "false")
  }

  /// Writes `null`.
  public func null() throws {
    try beforeValue()
    try sink.write("null")
  }

  /// Writes a number given as exact decimal text (for example `"12.50"` from an exact value),
  /// so no binary floating point is involved.
  ///
  /// - Throws: `OutputError.invalidJSON(.invalidNumber)` when `literal` is not JSON number
  ///   syntax (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`).
  public func number(literal: String) throws {
    guard JSONEncoding.isValidNumber(literal) else {
      throw OutputError.invalidJSON(.invalidNumber(literal))
    }
    try beforeValue()
    try sink.write(literal)
  }

  /// Writes `key` and a string, or `null` when `value` is nil.
  public func field(_ key: String, _ value: String?) throws {
    try self.key(key)
    if let value { try string(value) } else { try null() }
  }

  /// Writes `key` and an integer, or `null` when `value` is nil.
  public func field<T: BinaryInteger>(_ key: String, _ value: T?) throws {
    try self.key(key)
    if let value { try integer(value) } else { try null() }
  }

  /// Writes `key` and a boolean, or `null` when `value` is nil.
  public func field(_ key: String, _ value: Bool?) throws {
    try self.key(key)
    if let value { try bool(value) } else { try null() }
  }

  /// Checks that exactly one complete top-level value was written, ends the document with a
  /// newline and flushes the sink.
  public func finish() throws {
    guard stack.isEmpty && hasTopLevelValue else {
      throw OutputError.invalidJSON(.incompleteDocument)
    }
    try sink.write(CollectionOfOne(UInt8(ascii: "\n")))
    try sink.flush()
  }

  // MARK: Layout

  private func beforeValue() throws {
    switch stack.last {
    case nil:
      guard !hasTopLevelValue else { throw OutputError.invalidJSON(.secondTopLevelValue) }
      hasTopLevelValue = true
    case .object(let keys, let awaitingValue):
      guard awaitingValue else { throw OutputError.invalidJSON(.valueWithoutKey) }
      stack[stack.count &- 1] = .object(keys: keys, awaitingValue: false)
    case .array(let count):
      stack[stack.count &- 1] = .array(count: count &+ 1)
      var bytes: [UInt8] = count == 0 ? [] : [UInt8(ascii: ",")]
      appendNewlineAndIndent(to: &bytes, level: stack.count)
      try sink.write(bytes)
    }
  }

  private func closeContainer(isEmpty: Bool, closer: Unicode.Scalar) throws {
    var bytes: [UInt8] = []
    if !isEmpty { appendNewlineAndIndent(to: &bytes, level: stack.count) }
    bytes.append(UInt8(ascii: closer))
    try sink.write(bytes)
  }

  private func appendNewlineAndIndent(to bytes: inout [UInt8], level: Int) {
    bytes.append(UInt8(ascii: "\n"))
    bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level &* Self.indentUnit))
  }
}
