import PioneerRules

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a report could not be written.
///
/// Every message a person reads about output failures is produced here, in Japanese and
/// English, so the wording stays consistent across writers and the command line.
public enum OutputError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The output path resolves to one of the input files; writing would destroy the input.
  case outputIsInput(output: String, input: String)
  /// A path (or its folder) could not be resolved with `realpath(3)` / `stat(2)`.
  case cannotResolve(path: String, code: Int32)
  /// The output path exists but is a folder, device or other non-regular file.
  case notARegularFile(path: String)
  /// No temporary file could be created in the output's folder.
  case cannotCreateTemporary(directory: String, code: Int32)
  /// `write(2)` or `close(2)` failed.
  case writeFailed(path: String, code: Int32)
  /// `fsync(2)` failed, so the bytes may not be on disk.
  case syncFailed(path: String, code: Int32)
  /// The finished temporary file could not be renamed over the output.
  case renameFailed(temporary: String, output: String, code: Int32)
  /// The atomic writer was already committed or discarded.
  case alreadyFinished(path: String)
  /// A `JSONWriter` was asked for something that does not make a JSON document.
  case invalidJSON(JSONMisuse)

  /// A way of calling `JSONWriter` that would produce invalid JSON.
  public enum JSONMisuse: Equatable, Sendable {
    /// A value inside an object without a key before it.
    case valueWithoutKey
    /// A key outside an object, or two keys in a row.
    case unexpectedKey(String)
    /// The same key twice in one object.
    case duplicateKey(String)
    /// `endObject`/`endArray` that does not match the innermost open container.
    case mismatchedEnd
    /// A second top-level value.
    case secondTopLevelValue
    /// `finish()` with containers still open or no value written.
    case incompleteDocument
    /// A number literal that is not JSON number syntax.
    case invalidNumber(String)
  }

  /// The message for a person, in `language`.
  public func message(_ language: Language) -> String {
    switch language {
    case .ja: return japanese
    case .en: return english
    }
  }

  /// The English message.
  public var description: String { message(.en) }

  private var japanese: String {
    switch self {
    case .outputIsInput(let output, let input):
      return "出力先 \(output) は入力ファイル \(input) と同じファイルです。入力を上書きしないよう、別の出力先を指定してください。"
    case .cannotResolve(let path, let code):
      return "パス \(path) を解決できません（\(Self.systemText(code))）。"
    case .notARegularFile(let path):
      return "出力先 \(path) は通常のファイルではありません（フォルダーやデバイスには書き込めません）。"
    case .cannotCreateTemporary(let directory, let code):
      return "フォルダー \(directory) に一時ファイルを作成できません（\(Self.systemText(code))）。"
    case .writeFailed(let path, let code):
      return "\(path) への書き込みに失敗しました（\(Self.systemText(code))）。"
    case .syncFailed(let path, let code):
      return "\(path) をディスクに確定できません（fsync: \(Self.systemText(code))）。"
    case .renameFailed(let temporary, let output, let code):
      return "一時ファイル \(temporary) を \(output) に置き換えられません（\(Self.systemText(code))）。出力先は変更されていません。"
    case .alreadyFinished(let path):
      return "\(path) の書き込みはすでに確定または破棄されています。"
    case .invalidJSON(let misuse):
      switch misuse {
      case .valueWithoutKey: return "JSON: オブジェクト内の値の前にキーがありません。"
      case .unexpectedKey(let key): return "JSON: キー \"\(key)\" はここには書けません。"
      case .duplicateKey(let key): return "JSON: 同じオブジェクトにキー \"\(key)\" が重複しています。"
      case .mismatchedEnd: return "JSON: 閉じ括弧が開いているオブジェクト／配列と対応しません。"
      case .secondTopLevelValue: return "JSON: 最上位の値は一つだけです。"
      case .incompleteDocument: return "JSON: 文書が完結していません（閉じていない括弧、または値がありません）。"
      case .invalidNumber(let literal): return "JSON: \"\(literal)\" は JSON の数値ではありません。"
      }
    }
  }

  private var english: String {
    switch self {
    case .outputIsInput(let output, let input):
      return
        "the output \(output) is the input file \(input); choose another output so the input is not overwritten"
    case .cannotResolve(let path, let code):
      return "cannot resolve the path \(path) (\(Self.systemText(code)))"
    case .notARegularFile(let path):
      return "the output \(path) is not a regular file (a folder or device cannot be written)"
    case .cannotCreateTemporary(let directory, let code):
      return "cannot create a temporary file in \(directory) (\(Self.systemText(code)))"
    case .writeFailed(let path, let code):
      return "writing to \(path) failed (\(Self.systemText(code)))"
    case .syncFailed(let path, let code):
      return "cannot flush \(path) to disk (fsync: \(Self.systemText(code)))"
    case .renameFailed(let temporary, let output, let code):
      return
        "cannot replace \(output) with the temporary file \(temporary) (\(Self.systemText(code))); the output is unchanged"
    case .alreadyFinished(let path):
      return "writing \(path) was already committed or discarded"
    case .invalidJSON(let misuse):
      switch misuse {
      case .valueWithoutKey: return "JSON: a value inside an object needs a key first"
      case .unexpectedKey(let key): return "JSON: the key \"\(key)\" is not allowed here"
      case .duplicateKey(let key): return "JSON: the key \"\(key)\" appears twice in one object"
      case .mismatchedEnd:
        return "JSON: the closing bracket does not match the open object or array"
      case .secondTopLevelValue: return "JSON: a document has exactly one top-level value"
      case .incompleteDocument:
        return "JSON: the document is incomplete (an unclosed bracket, or no value)"
      case .invalidNumber(let literal): return "JSON: \"\(literal)\" is not a JSON number"
      }
    }
  }

  /// The system's description of an `errno` value, with the number.
  private static func systemText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "errno \(code)" }
    return "\(String(cString: text)), errno \(code)"
  }
}
