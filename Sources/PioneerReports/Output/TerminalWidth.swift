/// Display width of text in a monospaced terminal, for aligning table columns that mix
/// Japanese and ASCII.
///
/// East Asian Wide and Fullwidth characters (CJK ideographs, Hiragana, Katakana, Hangul,
/// full-width forms, CJK punctuation, most emoji) take two columns; combining marks, format
/// characters (e.g. zero-width joiner) and control characters take none; everything else,
/// including half-width Katakana, takes one. A grapheme cluster takes the width of its
/// widest scalar, so `が` written as `か` + U+3099 and a base letter with accents are counted
/// once. This follows Unicode's EastAsianWidth property in ranges, not a full table, which
/// is what terminals approximate too.
public enum TerminalWidth {
  /// How `pad(_:to:alignment:)` places the text within the width.
  public enum Alignment: Sendable {
    /// Text first, spaces after.
    case left
    /// Spaces first, text after.
    case right
  }

  /// The number of terminal columns `text` occupies.
  public static func width(of text: String) -> Int {
    var total = 0
    for character in text {
      total = total &+ width(of: character)
    }
    return total
  }

  /// The number of terminal columns one grapheme cluster occupies (0, 1 or 2).
  public static func width(of character: Character) -> Int {
    var widest = 0
    for scalar in character.unicodeScalars {
      widest = Swift.max(widest, width(of: scalar))
    }
    return widest
  }

  /// The number of terminal columns one scalar occupies on its own (0, 1 or 2).
  public static func width(of scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
    if value < 0x7F { return 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format:
      return 0
    default:
      break
    }
    // Hangul Jamo medial vowels and final consonants combine with a leading consonant.
    if (0x1160...0x11FF).contains(value) { return 0 }
    return isWide(value) ? 2 : 1
  }

  /// `text` padded with spaces to `width` columns; text already as wide or wider is
  /// returned unchanged (never cut).
  public static func pad(_ text: String, to width: Int, alignment: Alignment = .left) -> String {
    let missing = width &- Self.width(of: text)
    guard missing > 0 else { return text }
    let spaces = String(repeating: " ", count: missing)
    switch alignment {
    case .left: return text + spaces
    case .right: return spaces + text
    }
  }

  /// East Asian Wide (W) and Fullwidth (F) ranges.
  private static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F,  // Hangul Jamo leading consonants
    0x231A...0x231B,  // watch, hourglass
    0x2329...0x232A,  // angle brackets
    0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,  // emoji clocks and arrows
    0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
    0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE,
    0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
    0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD,
    0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728, 0x274C...0x274C,
    0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
    0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50,
    0x2B55...0x2B55,
    0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols/punctuation
    0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, CJK compat
    0x3400...0x4DBF,  // CJK Extension A
    0x4DC0...0x4DFF,  // Yijing hexagrams
    0x4E00...0x9FFF,  // CJK Unified Ideographs
    0xA000...0xA4CF,  // Yi
    0xA960...0xA97F,  // Hangul Jamo Extended-A
    0xAC00...0xD7A3,  // Hangul Syllables
    0xF900...0xFAFF,  // CJK Compatibility Ideographs
    0xFE10...0xFE19,  // vertical forms
    0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
    0xFF00...0xFF60,  // full-width ASCII forms
    0xFFE0...0xFFE6,  // full-width signs (￥ etc.)
    0x16FE0...0x16FE4, 0x17000...0x18CFF,  // Tangut, Khitan
    0x1B000...0x1B2FF,  // Kana Supplement and Extended, Nushu
    0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A,
    0x1F200...0x1F2FF,  // enclosed ideographic supplement
    0x1F300...0x1F64F,  // pictographs, emoticons (narrow exceptions ignored)
    0x1F680...0x1F6FF,  // transport and map symbols
    0x1F7E0...0x1F7EB,
    0x1F90C...0x1F9FF,  // supplemental symbols and pictographs
    0x1FA70...0x1FAFF,  // symbols and pictographs extended-A
    0x20000...0x2FFFD,  // CJK Extensions B–F, compatibility supplement
    0x30000...0x3FFFD,  // CJK Extensions G–H
  ]

  private static func isWide(_ value: UInt32) -> Bool {
    // Binary search over the sorted, disjoint ranges.
    var low = 0
    var high = wideRanges.count
    while low < high {
      let middle = low &+ (high &- low) / 2
      let range = wideRanges[middle]
      if value < range.lowerBound {
        high = middle
      } else if value > range.upperBound {
        low = middle &+ 1
      } else {
        return true
      }
    }
    return false
  }
}
