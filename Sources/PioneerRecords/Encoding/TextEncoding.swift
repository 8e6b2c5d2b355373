/// The encodings an applicant file may be stored in (spec §3.1).
public enum TextEncoding: String, Hashable, Sendable, CaseIterable {
  case utf8 = "utf-8"
  case utf16LittleEndian = "utf-16le"
  case utf16BigEndian = "utf-16be"
  /// Shift_JIS as Windows writes it (Windows-31J), with the NEC and IBM extensions.
  case cp932 = "cp932"

  /// The encoding an option names: `utf-8`, `utf-16le`, `utf-16be`, `cp932` or `shift_jis`
  /// (also `utf8`, `sjis`, `shift-jis`, `windows-31j`, `ms932`), in any letter case.
  public init?(name: String) {
    var folded = ""
    for scalar in name.unicodeScalars where scalar != "-" && scalar != "_" {
      folded.unicodeScalars.append(
        scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar)
    }
    switch folded {
    case "utf8": self = .utf8
    case "utf16le": self = .utf16LittleEndian
    case "utf16be": self = .utf16BigEndian
    case "cp932", "shiftjis", "sjis", "windows31j", "ms932": self = .cp932
    default: return nil
    }
  }

  /// The byte-order mark of the encoding, if it has one.
  var byteOrderMark: [UInt8] {
    switch self {
    case .utf8: return [0xEF, 0xBB, 0xBF]
    case .utf16LittleEndian: return [0xFF, 0xFE]
    case .utf16BigEndian: return [0xFE, 0xFF]
    case .cp932: return []
    }
  }
}

/// Which encoding a file was read in, and why.
public struct EncodingDecision: Hashable, Sendable {
  /// How the encoding was chosen.
  public enum Reason: Hashable, Sendable {
    /// The caller asked for it.
    case requested
    /// The file starts with this encoding's byte-order mark.
    case byteOrderMark
    /// The bytes are valid UTF-8 (the whole file, or for a stream its first chunk).
    case validUTF8
    /// The bytes are not UTF-8 from this offset on, so they are read as CP932.
    case notUTF8(offset: Int)
  }

  /// The encoding the text is read in.
  public let encoding: TextEncoding
  /// Why.
  public let reason: Reason
}
