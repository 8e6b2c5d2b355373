/// Escaping of untrusted text for HTML reports.
///
/// Both contexts escape `&` `<` `>` `"` `'` as `&amp;` `&lt;` `&gt;` `&quot;` `&#39;`, so the
/// same text is safe in element content and in a quoted attribute value (either quote
/// style). Control characters that HTML does not allow in a document (C0 other than tab, LF,
/// FF and CR; DEL; C1) become U+FFFD, so applicant data cannot make the page invalid.
public enum HTMLEscaping {
  /// `text` escaped for element content, e.g. `<td>…</td>`.
  public static func text(_ text: String) -> String {
    escape(text, encodingLineBreaks: false)
  }

  /// `value` escaped for a quoted attribute value, e.g. `title="…"`. Tab, LF and CR are
  /// additionally written as `&#9;` `&#10;` `&#13;` so the value survives attribute
  /// normalisation and stays on one line.
  public static func attribute(_ value: String) -> String {
    escape(value, encodingLineBreaks: true)
  }

  private static func escape(_ text: String, encodingLineBreaks: Bool) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      case "\t" where encodingLineBreaks: result += "&#9;"
      case "\n" where encodingLineBreaks: result += "&#10;"
      case "\r" where encodingLineBreaks: result += "&#13;"
      case "\t", "\n", "\u{0C}", "\r": result.unicodeScalars.append(scalar)
      case "\u{00}"..."\u{1F}", "\u{7F}"..."\u{9F}": result.unicodeScalars.append("\u{FFFD}")
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
