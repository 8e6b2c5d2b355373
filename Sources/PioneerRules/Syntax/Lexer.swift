/// Turns a rule file's text into tokens. Comments run from `#` to the end of the line.
///
/// The lexer never stops at a bad character: it records a diagnostic and goes on, so one
/// run reports every problem of a file.
struct Lexer {
  private let source: SourceFile
  private var offset = 0
  private(set) var diagnostics: [Diagnostic] = []

  init(_ source: SourceFile) {
    self.source = source
  }

  /// Every token, ending with `.end`.
  mutating func tokens() -> [Token] {
    var result: [Token] = []
    while true {
      let token = next()
      result.append(token)
      if token.kind == .end { return result }
    }
  }

  private var scalars: [Unicode.Scalar] { source.scalars }

  private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
    let index = offset + ahead
    return index < scalars.count ? scalars[index] : nil
  }

  private mutating func next() -> Token {
    // A loop, not a recursive call per bad character: a file of a million stray characters
    // must give diagnostics, not overflow the stack.
    while true {
      skipSpaceAndComments()
      let start = offset
      guard let scalar = peek() else {
        return Token(kind: .end, text: "", span: SourceSpan(start: start, end: start))
      }
      if scalar == "\"" { return string() }
      if isDigit(scalar) { return numberOrDateLiteral() }
      if isIdentifierStart(scalar) {
        while let s = peek(), isIdentifierPart(s) { offset += 1 }
        return make(.identifier, from: start)
      }
      for symbol in Lexer.symbols where matches(symbol) {
        offset += symbol.unicodeScalars.count
        let canonical = Lexer.aliases[symbol] ?? symbol
        return Token(kind: .symbol, text: canonical, span: SourceSpan(start: start, end: offset))
      }
      offset += 1
      diagnostics.append(
        Diagnostic(
          "unexpected character '\(scalar)'", at: SourceSpan(start: start, end: offset)))
    }
  }

  /// Longest first, so `<=` wins over `<`. `≤ ≥ ≠` are accepted for reviewers who write them.
  private static let symbols = [
    "..", "->", "==", "!=", "<=", ">=", "≤", "≥", "≠", "(", ")", "[", "]", "{", "}", ",", ":",
    "=", "<", ">", "+", "-", "*", "/", "%", "|",
  ]
  private static let aliases = ["≤": "<=", "≥": ">=", "≠": "!="]

  private func matches(_ symbol: String) -> Bool {
    var index = 0
    for scalar in symbol.unicodeScalars {
      guard peek(index) == scalar else { return false }
      index += 1
    }
    return true
  }

  private mutating func skipSpaceAndComments() {
    while let scalar = peek() {
      if scalar == "#" {
        while let s = peek(), s != "\n" { offset += 1 }
      } else if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
        || scalar == "\u{3000}" || scalar == "\u{FEFF}"
      {
        offset += 1
      } else {
        return
      }
    }
  }

  private mutating func string() -> Token {
    let start = offset
    offset += 1
    var text = String.UnicodeScalarView()
    while let scalar = peek() {
      if scalar == "\"" {
        offset += 1
        return Token(kind: .string, text: String(text), span: SourceSpan(start: start, end: offset))
      }
      if scalar == "\n" { break }
      if scalar == "\\", let escaped = peek(1) {
        switch escaped {
        case "\"", "\\": text.append(escaped)
        case "n": text.append("\n")
        default:
          diagnostics.append(
            Diagnostic(
              "unknown escape '\\\(escaped)' in a string",
              at: SourceSpan(start: offset, end: offset + 2)))
        }
        offset += 2
        continue
      }
      text.append(scalar)
      offset += 1
    }
    diagnostics.append(
      Diagnostic("unterminated string", at: SourceSpan(start: start, end: offset)))
    return Token(kind: .string, text: String(text), span: SourceSpan(start: start, end: offset))
  }

  private mutating func numberOrDateLiteral() -> Token {
    let start = offset
    // A date literal: exactly YYYY-MM-DD.
    if (0..<4).allSatisfy({ peek($0).map(isDigit) ?? false }), peek(4) == "-",
      peek(5).map(isDigit) ?? false, peek(6).map(isDigit) ?? false, peek(7) == "-",
      peek(8).map(isDigit) ?? false, peek(9).map(isDigit) ?? false
    {
      offset += 10
      return make(.date, from: start)
    }
    var digits = String.UnicodeScalarView()
    while let s = peek(), isDigit(s) || s == "_" {
      if s != "_" { digits.append(s) }
      offset += 1
    }
    // A fraction, but not the `..` of a range.
    if peek() == ".", let after = peek(1), isDigit(after) {
      digits.append(".")
      offset += 1
      while let s = peek(), isDigit(s) || s == "_" {
        if s != "_" { digits.append(s) }
        offset += 1
      }
    }
    return Token(kind: .number, text: String(digits), span: SourceSpan(start: start, end: offset))
  }

  private func make(_ kind: Token.Kind, from start: Int) -> Token {
    let span = SourceSpan(start: start, end: offset)
    return Token(kind: kind, text: source.text(span), span: span)
  }

  private func isDigit(_ s: Unicode.Scalar) -> Bool { (48...57).contains(s.value) }

  private func isIdentifierStart(_ s: Unicode.Scalar) -> Bool {
    // ASCII answered directly: the Unicode property lookup is the lexer's slowest step.
    if s.isASCII { return s == "_" || isASCIILetter(s) }
    return s.properties.isAlphabetic
  }

  private func isIdentifierPart(_ s: Unicode.Scalar) -> Bool {
    if s.isASCII { return s == "_" || isASCIILetter(s) || isDigit(s) }
    return s.properties.isAlphabetic
  }

  private func isASCIILetter(_ s: Unicode.Scalar) -> Bool {
    (65...90).contains(s.value) || (97...122).contains(s.value)
  }
}
