import Foundation

/// Cell text before typing (spec §3.1): trimmed of ASCII spaces and tabs and the full-width
/// space U+3000, then NFKC-normalised, so `　２５　` reads as `25`.
///
/// NFKC through Foundation costs microseconds a call, so it is skipped for text that is
/// certainly normalised already: all ASCII, or only ASCII, hiragana, katakana and CJK
/// unified ideographs — none of which NFKC changes or composes with one another.
public enum CellText {
  /// Trims and normalises `text` (for header cells and callers outside the hot path).
  public static func normalize(_ text: String) -> String {
    var copy = text
    return copy.withUTF8 { normalize(trim($0)) { String(decoding: $0, as: UTF8.self) } }
  }

  /// Trims spaces, tabs and U+3000 from both ends.
  @inline(__always)
  static func trim(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    guard let base = bytes.baseAddress else { return bytes }
    var start = 0
    var end = bytes.count
    while start < end {
      let byte = base[start]
      if byte == 0x20 || byte == 0x09 {
        start += 1
      } else if byte == 0xE3, end - start >= 3, base[start + 1] == 0x80, base[start + 2] == 0x80 {
        start += 3
      } else {
        break
      }
    }
    while end > start {
      let byte = base[end - 1]
      if byte == 0x20 || byte == 0x09 {
        end -= 1
      } else if byte == 0x80, end - start >= 3, base[end - 2] == 0x80, base[end - 3] == 0xE3 {
        end -= 3
      } else {
        break
      }
    }
    return UnsafeBufferPointer(start: base + start, count: end - start)
  }

  /// Calls `body` with the bytes of the text a text cell reads as (trimmed, NFKC), unless
  /// the cell reads as missing; the same bytes as `CellParser`'s `.text` value, without
  /// making a String.
  static func withTextCell(
    _ raw: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void
  ) {
    let trimmed = trim(raw)
    guard !trimmed.isEmpty else { return }
    normalize(trimmed) { normalized in
      if !normalized.isEmpty { body(normalized) }
    }
  }

  /// Calls `body` with the NFKC form of already trimmed bytes, trimmed again (NFKC turns
  /// some spaces, like U+00A0, into ASCII ones).
  @inline(__always)
  static func normalize<R>(
    _ trimmed: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R
  ) -> R {
    if isKnownNormalized(trimmed) { return body(trimmed) }
    var normalized = String(decoding: trimmed, as: UTF8.self)
      .precomposedStringWithCompatibilityMapping
    return normalized.withUTF8 { body(trim($0)) }
  }

  /// Whether every byte is ASCII.
  @inline(__always)
  static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    for byte in bytes where byte >= 0x80 { return false }
    return true
  }

  /// Whether NFKC certainly leaves valid UTF-8 `bytes` unchanged: each scalar is ASCII,
  /// hiragana U+3041–3096, katakana U+30A1–30FC (with ・ and ー), 々 U+3005, or a CJK
  /// unified ideograph U+4E00–9FFF. All are NFKC-stable starters, and no two of them
  /// compose.
  static func isKnownNormalized(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    var index = 0
    let count = bytes.count
    while index < count {
      let lead = base[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      guard lead & 0xF0 == 0xE0, index + 2 < count else { return false }
      let scalar =
        UInt32(lead & 0x0F) << 12 | UInt32(base[index + 1] & 0x3F) << 6
        | UInt32(base[index + 2] & 0x3F)
      switch scalar {
      case 0x3005, 0x3041...0x3096, 0x30A1...0x30FC, 0x4E00...0x9FFF: index += 3
      default: return false
      }
    }
    return true
  }
}
