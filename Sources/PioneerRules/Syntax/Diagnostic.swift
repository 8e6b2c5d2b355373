/// A problem found in a rule file, at a place in it.
public struct Diagnostic: Error, Hashable, Sendable {
  /// Where.
  public let span: SourceSpan
  /// What, in one sentence.
  public let message: String

  public init(_ message: String, at span: SourceSpan) {
    self.message = message
    self.span = span
  }
}

/// All problems of a rule file that could not be loaded, and the file they refer to.
public struct RuleSetError: Error, Sendable, CustomStringConvertible {
  /// The file.
  public let source: SourceFile
  /// The problems, in the order found.
  public let diagnostics: [Diagnostic]

  public init(source: SourceFile, diagnostics: [Diagnostic]) {
    self.source = source
    self.diagnostics = diagnostics
  }

  /// Every problem rendered as `FILE:LINE:COL: error: message` with the line and a caret; a
  /// file with more than `DiagnosticRenderer.shownLimit` problems shows the first ones and
  /// says how many more there are (a mangled file can have one per character).
  public var description: String {
    var parts = diagnostics.prefix(DiagnosticRenderer.shownLimit).map {
      DiagnosticRenderer.render($0, in: source)
    }
    let hidden = diagnostics.count - parts.count
    if hidden > 0 { parts.append("\(source.name): \(hidden) more errors not shown") }
    return parts.joined(separator: "\n")
  }
}

/// The one place that turns a diagnostic into text.
public enum DiagnosticRenderer {
  /// At most this many diagnostics are rendered by `RuleSetError.description`.
  public static let shownLimit = 50

  /// The quoted line is clipped to about this many characters around the problem, so that a
  /// megabyte-long line costs no more to report than a short one.
  static let quotedWidth = 120

  /// `FILE:LINE:COL: error: message`, then the line, then a caret under the span
  /// (wide characters count two columns so the caret lines up in a terminal).
  public static func render(_ diagnostic: Diagnostic, in source: SourceFile) -> String {
    let (line, column) = source.location(of: diagnostic.span.start)
    let lineRange = source.lineRange(line)
    let start = min(max(diagnostic.span.start, lineRange.lowerBound), lineRange.upperBound)
    // A long line is quoted from a little before the problem, `quotedWidth` characters.
    let windowStart = max(
      lineRange.lowerBound, min(start - quotedWidth / 4, lineRange.upperBound - quotedWidth))
    let windowEnd = min(lineRange.upperBound, windowStart + quotedWidth)
    let highlightEnd = min(max(diagnostic.span.end, start), windowEnd)
    let lead = windowStart > lineRange.lowerBound ? "…" : ""
    let trail = windowEnd < lineRange.upperBound ? "…" : ""
    let before = lead + source.text(SourceSpan(start: windowStart, end: start))
    let shown = lead + source.text(SourceSpan(start: windowStart, end: windowEnd)) + trail
    let highlighted = source.text(SourceSpan(start: start, end: highlightEnd))
    let indent = String(repeating: " ", count: displayWidth(before))
    let marks = "^" + String(repeating: "~", count: max(0, displayWidth(highlighted) - 1))
    return "\(source.name):\(line):\(column): error: \(diagnostic.message)\n"
      + "    \(shown)\n    \(indent)\(marks)"
  }

  /// Terminal columns: East Asian wide and full-width characters take two.
  static func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { width, scalar in
      width + (isWide(scalar.value) ? 2 : 1)
    }
  }

  private static func isWide(_ v: UInt32) -> Bool {
    (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v)
      || (0x3041...0x33FF).contains(v) || (0x3400...0x4DBF).contains(v)
      || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
      || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
      || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
      || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
  }
}
