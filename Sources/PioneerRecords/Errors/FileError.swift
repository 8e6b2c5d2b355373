import PioneerRules

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a whole file cannot be read. Nothing of such a file is screened (spec §7).
///
/// Offsets are 0-based byte offsets into the file as stored (a byte-order mark included);
/// lines are physical lines (the header is line 1); columns are 1-based field positions.
public enum FileProblem: Error, Hashable, Sendable {
  /// The file could not be opened (`errno`).
  case cannotOpen(errno: Int32)
  /// Reading failed midway (`errno`).
  case readFailed(errno: Int32)
  /// The bytes are not UTF-8 at this offset (read as UTF-8, by detection or by request).
  case invalidUTF8(offset: Int)
  /// The bytes at this offset are not a CP932 (Shift_JIS) character.
  case invalidCP932(offset: Int)
  /// A UTF-16 surrogate at this offset has no partner.
  case unpairedSurrogate(offset: Int)
  /// A UTF-16 file ends in the middle of a code unit.
  case truncatedUTF16(offset: Int)
  /// A quoted field opened at this line and column never closes.
  case unterminatedQuote(line: Int, column: Int)
  /// A record starting at this line is longer than the reader accepts.
  case recordTooLong(line: Int, limit: Int)
  /// The file holds no header row.
  case emptyFile
  /// The header lacks required columns (応募ID, 企業・団体名); `found` lists its cells.
  case missingColumns(missing: [Label], found: [String])
  /// Two header cells (1-based positions) select the same column.
  case duplicateColumn(column: Label, firstPosition: Int, secondPosition: Int)

  /// The line the problem is on, when there is one.
  public var line: Int? {
    switch self {
    case .unterminatedQuote(let line, _), .recordTooLong(let line, _): return line
    case .missingColumns, .duplicateColumn: return 1
    default: return nil
    }
  }

  /// The 1-based column (field position) the problem is at, when there is one.
  public var column: Int? {
    switch self {
    case .unterminatedQuote(_, let column): return column
    case .duplicateColumn(_, _, let second): return second
    default: return nil
    }
  }
}

/// A file that is rejected as a whole, with the path it was read from.
public struct FileError: Error, Hashable, Sendable {
  /// The path as given, or `nil` for standard input.
  public let path: String?
  /// What is wrong.
  public let problem: FileProblem

  /// The file at `path` (nil: standard input) has `problem`.
  public init(path: String?, problem: FileProblem) {
    self.path = path
    self.problem = problem
  }

  /// The message shown to people: `path: line L, column C: what is wrong`.
  ///
  /// Every file-level message of the intake is worded here and nowhere else.
  public func message(_ language: Language) -> String {
    let ja = language == .ja
    var place = path ?? (ja ? "標準入力" : "standard input")
    if let line = problem.line {
      place += ja ? ": \(line)行目" : ": line \(line)"
      if let column = problem.column { place += ja ? " \(column)列目" : ", column \(column)" }
    }
    return place + ": " + description(language)
  }

  private func description(_ language: Language) -> String {
    let ja = language == .ja
    switch problem {
    case .cannotOpen(let code):
      return ja
        ? "ファイルを開けません (\(systemMessage(code)))"
        : "cannot open the file (\(systemMessage(code)))"
    case .readFailed(let code):
      return ja
        ? "読み込みに失敗しました (\(systemMessage(code)))"
        : "reading failed (\(systemMessage(code)))"
    case .invalidUTF8(let offset):
      return ja
        ? "バイト位置 \(offset) が UTF-8 として読めません。日本語版 Excel で保存した CSV なら"
          + " --encoding cp932 を指定してください"
        : "the bytes at offset \(offset) are not valid UTF-8; if Japanese Excel saved this"
          + " file, use --encoding cp932"
    case .invalidCP932(let offset):
      return ja
        ? "バイト位置 \(offset) が Shift_JIS (CP932) の文字として読めません"
        : "the bytes at offset \(offset) are not a Shift_JIS (CP932) character"
    case .unpairedSurrogate(let offset):
      return ja
        ? "バイト位置 \(offset) の UTF-16 サロゲートに対になる相手がありません"
        : "the UTF-16 surrogate at offset \(offset) has no partner"
    case .truncatedUTF16(let offset):
      return ja
        ? "UTF-16 のファイルがバイト位置 \(offset) で文字の途中で終わっています"
        : "the UTF-16 file ends in the middle of a character at offset \(offset)"
    case .unterminatedQuote:
      return ja
        ? "ここで始まる引用符 (\") がファイルの終わりまで閉じられていません"
        : "the quote (\") opened here is never closed before the end of the file"
    case .recordTooLong(_, let limit):
      return ja
        ? "ここから始まる行が \(limit) バイトを超えています (引用符の閉じ忘れではありませんか)"
        : "the record starting here is longer than \(limit) bytes (is a quote left open?)"
    case .emptyFile:
      return ja ? "ファイルが空です (見出し行がありません)" : "the file is empty (no header row)"
    case .missingColumns(let missing, let found):
      let names = missing.map { "\($0.ja) (\($0.en))" }.joined(separator: ", ")
      let list = found.isEmpty ? (ja ? "なし" : "none") : found.joined(separator: ", ")
      return ja
        ? "見出し行に必須の列 \(names) がありません。見つかった列: \(list)"
        : "the header lacks the required column(s) \(names); columns found: \(list)"
    case .duplicateColumn(let column, let first, let second):
      return ja
        ? "列「\(column.ja)」が見出しの \(first) 列目と \(second) 列目の2回現れます"
        : "the column \"\(column.en)\" appears twice in the header, at columns \(first) and"
          + " \(second)"
    }
  }
}

private func systemMessage(_ code: Int32) -> String {
  guard let text = strerror(code) else { return "errno \(code)" }
  return String(cString: text)
}
