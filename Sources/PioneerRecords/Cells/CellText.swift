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
    // Most ids: the cell is its text, neither trimmed nor looked at for NFKC. (Here, not in
    // the typer's loop, whose cells' parsing the optimiser then stopped inlining.)
    if isPlainShortASCII(raw) { return body(raw) }
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
    // Foundation on Linux leaves some compatibility mappings decomposed (ｶﾞ → カ + U+3099):
    // NFKC without its final composition. Composing canonically completes it, since NFKC is
    // NFC of the compatibility decomposition, and changes nothing it did compose.
    var normalized = String(decoding: trimmed, as: UTF8.self)
      .precomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping
    return normalized.withUTF8 { body(trim($0)) }
  }

  /// The String of `bytes` when they are ASCII and few enough for a String to hold inline
  /// (15), else nil: `String(unsafeUninitializedCapacity:)` makes such a String without
  /// the UTF-8 check `String(decoding:as:)` makes, which ASCII does not need.
  @inline(__always)
  static func shortASCIIString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    let count = bytes.count
    guard let base = bytes.baseAddress, count <= 15, isShortASCII(base, count: count) else {
      return nil
    }
    return String(unsafeUninitializedCapacity: count) { buffer in
      buffer.initialize(fromContentsOf: bytes)
    }
  }

  /// Whether a text cell of `bytes` reads as those very bytes, seen cheaply: 1 to 16 ASCII
  /// bytes (an id), neither the first nor the last a space or tab, so there is nothing to
  /// trim, and NFKC leaves ASCII unchanged. False says nothing: trim and normalise then.
  @inline(__always)
  static func isPlainShortASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    let count = bytes.count
    guard count >= 1 && count <= 16, isShortASCII(base, count: count) else { return false }
    let first = base[0]
    let last = base[count - 1]
    return first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09
  }

  /// Whether the `count` bytes at `base`, at most 16, are all ASCII: two word loads that
  /// overlap (or one of a short cell) instead of a byte at a time.
  @inline(__always)
  private static func isShortASCII(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
    var high: UInt64
    if count >= 8 {
      // Two loads that overlap cover 8 to 16 bytes, each within them.
      let raw = UnsafeRawPointer(base)
      high = raw.loadUnaligned(as: UInt64.self)
      high |= raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    } else {
      high = ValueCache.shortWord(base, count: count)
    }
    return high & 0x8080_8080_8080_8080 == 0
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
        // ASCII runs (ids, digits) are skipped eight bytes at a time, and an ASCII tail of
        // fewer than eight (the digits of `テスト企業123`) with one load of the cell's last
        // eight bytes, shifted so that only the tail's bytes remain. Both loads are within
        // the cell: the first because `index + 8 <= count`, the second because `count >= 8`.
        let raw = UnsafeRawPointer(base)
        let remaining = count - index
        if remaining >= 8 {
          let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
          index += word & 0x8080_8080_8080_8080 == 0 ? 8 : 1
        } else if count >= 8 {
          let last = UInt64(
            littleEndian: raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
          // The tail is the top `remaining` bytes of `last` (1 to 7, so the shift is 8 to 56).
          if (last >> (8 * (8 - remaining))) & 0x8080_8080_8080_8080 == 0 { return true }
          index += 1
        } else {
          index += 1
        }
        continue
      }
      // A three-byte scalar, classified by its lead byte, with the same bits as
      // `(lead & 0x0F) << 12 | (second & 0x3F) << 6 | (third & 0x3F)` would give.
      guard count - index >= 3 else { return false }
      switch lead {
      case 0xE5...0xE9:
        index += 3  // U+5000–9FFF: CJK unified ideographs
      case 0xE4:
        // U+4E00–4FFF: the ideographs of the U+4xxx block.
        guard base[index + 1] & 0x3F >= 0x38 else { return false }
        index += 3
      case 0xE3:
        // U+3000 + 64 × `second` + `third`: bit `third` of the row for `second` says
        // whether it is 々 U+3005, hiragana U+3041–3096 or katakana U+30A1–30FC.
        let accepted: UInt64
        switch base[index + 1] & 0x3F {
        case 0: accepted = 0x0000_0000_0000_0020  // U+3005
        case 1: accepted = 0xFFFF_FFFF_FFFF_FFFE  // U+3041–307F
        case 2: accepted = 0xFFFF_FFFE_007F_FFFF  // U+3080–3096, U+30A1–30BF
        case 3: accepted = 0x1FFF_FFFF_FFFF_FFFF  // U+30C0–30FC
        default: return false
        }
        guard accepted >> (base[index + 2] & 0x3F) & 1 == 1 else { return false }
        index += 3
      default:
        return false
      }
    }
    return true
  }
}
