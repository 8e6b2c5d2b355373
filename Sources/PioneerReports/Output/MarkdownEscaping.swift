/// Escaping of untrusted text for Markdown reports (CommonMark / GitHub Flavored Markdown).
public enum MarkdownEscaping {
  /// `text` made safe as the content of one table cell; also safe as inline text in a
  /// paragraph, since the result is always a single line.
  ///
  /// - `\` → `\\` and `|` → `\|`, so the cell cannot end early.
  /// - CR LF, CR and LF → `<br>`, so the row stays on one line.
  /// - Inline formatting characters are backslash-escaped wherever they appear: `` ` `` `*`
  ///   `~` `[` `]`, `_` unless it sits between two letters or digits (where it cannot
  ///   emphasise, so `not_selected` stays readable), and `&` before a letter, digit or `#`
  ///   (an entity such as `&amp;`). `<` becomes `&lt;`, so no raw HTML or autolink starts.
  /// - At the start of the cell, what would begin a block is escaped: `#` and `>`; `-` or `+`
  ///   followed by a space or ending the text (a list item); a run of only `-` or `=` (a rule or
  ///   heading underline); digits followed by `.` or `)` and a space or the end (an ordered
  ///   list). A plain number such as `-3` or `2.5` is left alone.
  public static func tableCell(_ text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    let blockEscapeIndex = blockMarkerIndex(scalars)
    var result = ""
    result.reserveCapacity(text.utf8.count)
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      let previous: Unicode.Scalar? = index > 0 ? scalars[index &- 1] : nil
      let next: Unicode.Scalar? = index &+ 1 < scalars.count ? scalars[index &+ 1] : nil
      if index == blockEscapeIndex { result += "\\" }
      switch scalar {
      case "\r":
        result += "<br>"
        if next == "\n" { index = index &+ 1 }
      case "\n":
        result += "<br>"
      case "\\", "|", "`", "*", "~", "[", "]":
        result += "\\"
        result.unicodeScalars.append(scalar)
      case "_" where !(isWordScalar(previous) && isWordScalar(next)):
        result += "\\_"
      case "&" where next.map { isASCIIAlphanumeric($0) || $0 == "#" } ?? false:
        result += "\\&"
      case "<":
        result += "&lt;"
      default:
        result.unicodeScalars.append(scalar)
      }
      index = index &+ 1
    }
    return result
  }

  /// The index of the scalar at the start of `scalars` that would open a block, if any.
  private static func blockMarkerIndex(_ scalars: [Unicode.Scalar]) -> Int? {
    // Leading spaces are trimmed by table parsers and do not stop a block marker.
    guard let start = scalars.firstIndex(where: { $0 != " " }) else { return nil }
    let first = scalars[start]
    let afterFirst: Unicode.Scalar? = start &+ 1 < scalars.count ? scalars[start &+ 1] : nil
    switch first {
    case "#", ">":
      return start
    case "-", "+":
      if afterFirst == nil || afterFirst == " " || afterFirst == "\t" { return start }
      if first == "-" && scalars[start...].allSatisfy({ $0 == "-" || $0 == " " }) {
        return start
      }
      return nil
    case "=":
      return scalars[start...].allSatisfy({ $0 == "=" || $0 == " " }) ? start : nil
    case "0"..."9":
      var end = start
      while end < scalars.count && isASCIIDigit(scalars[end]) { end = end &+ 1 }
      guard end &- start <= 9, end < scalars.count,
        scalars[end] == "." || scalars[end] == ")"
      else { return nil }
      let after = end &+ 1
      return after == scalars.count || scalars[after] == " " || scalars[after] == "\t"
        ? end : nil
    default:
      return nil
    }
  }

  private static func isWordScalar(_ scalar: Unicode.Scalar?) -> Bool {
    guard let scalar else { return false }
    let category = scalar.properties.generalCategory
    switch category {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .decimalNumber, .letterNumber, .otherNumber:
      return true
    default:
      return false
    }
  }

  private static func isASCIIDigit(_ scalar: Unicode.Scalar) -> Bool {
    scalar >= "0" && scalar <= "9"
  }

  private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
    isASCIIDigit(scalar) || (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
  }
}
