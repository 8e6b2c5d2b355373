/// A lexical token of the rule language.
public struct Token: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    /// A name: letters (any script), digits and `_`, not starting with a digit.
    case identifier
    /// `"…"`; `text` holds the unescaped contents.
    case string
    /// `25`, `3.99`, `1_000`; `text` holds the digits without `_`.
    case number
    /// `2021-10-12`.
    case date
    /// Punctuation and operators: `( ) [ ] { } , : = == != < <= > >= + - * / % .. -> |`.
    case symbol
    case end
  }

  public let kind: Kind
  public let text: String
  public let span: SourceSpan

  /// Whether this is the identifier or symbol `word`.
  func `is`(_ word: String) -> Bool {
    (kind == .identifier || kind == .symbol) && text == word
  }
}
