/// A name shown to people, in Japanese and English.
public struct Label: Hashable, Sendable {
  /// The Japanese text (the seed's wording where there is one).
  public let ja: String
  /// The English text.
  public let en: String

  public init(ja: String, en: String) {
    self.ja = ja
    self.en = en
  }

  /// The text in `language`, falling back to the other when one is empty.
  public func text(_ language: Language) -> String {
    switch language {
    case .ja: return ja.isEmpty ? en : ja
    case .en: return en.isEmpty ? ja : en
    }
  }
}

/// The language of everything a person reads.
public enum Language: String, Sendable, CaseIterable {
  case ja
  case en
}
