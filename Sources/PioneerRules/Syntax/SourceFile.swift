/// The text of a rule file with its name, so that any position can be shown as
/// `FILE:LINE:COL` with the line and a caret.
public struct SourceFile: Sendable {
  /// The path or name shown in messages.
  public let name: String
  /// The text, as Unicode scalars so that offsets are stable and cheap to index.
  public let scalars: [Unicode.Scalar]
  /// Offsets at which each line starts.
  let lineStarts: [Int]

  public init(name: String, text: String) {
    self.name = name
    self.scalars = Array(text.unicodeScalars)
    var starts = [0]
    for (offset, scalar) in scalars.enumerated() where scalar == "\n" {
      starts.append(offset + 1)
    }
    self.lineStarts = starts
  }

  /// The 1-based line and column (in characters) of an offset.
  public func location(of offset: Int) -> (line: Int, column: Int) {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return (low + 1, offset - lineStarts[low] + 1)
  }

  /// The offsets of a 1-based line, without its line end.
  public func lineRange(_ line: Int) -> Range<Int> {
    guard line >= 1, line <= lineStarts.count else { return scalars.count..<scalars.count }
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] : scalars.count
    while end > start, scalars[end - 1] == "\n" || scalars[end - 1] == "\r" { end -= 1 }
    return start..<end
  }

  /// The text between two offsets.
  public func text(_ span: SourceSpan) -> String {
    let start = max(0, min(span.start, scalars.count))
    let end = max(start, min(span.end, scalars.count))
    // Encoded by hand: appending scalars to a `UnicodeScalarView` was the lexer's and the
    // diagnostic renderer's main cost.
    var utf8: [UInt8] = []
    utf8.reserveCapacity(end - start)
    for scalar in scalars[start..<end] {
      UTF8.encode(scalar) { utf8.append($0) }
    }
    return String(decoding: utf8, as: UTF8.self)
  }
}

/// A half-open range of scalar offsets in a `SourceFile`.
public struct SourceSpan: Hashable, Sendable {
  public let start: Int
  public let end: Int

  public init(start: Int, end: Int) {
    self.start = start
    self.end = max(start, end)
  }

  /// The span covering both.
  public func through(_ other: SourceSpan) -> SourceSpan {
    SourceSpan(start: min(start, other.start), end: max(end, other.end))
  }
}
