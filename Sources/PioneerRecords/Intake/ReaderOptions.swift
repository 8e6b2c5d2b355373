/// How an applicant file is read.
public struct ReaderOptions: Hashable, Sendable {
  /// The file's encoding; nil detects it (spec §3.1).
  public var encoding: TextEncoding?
  /// The field delimiter; nil takes tab for a `.tsv` path and comma otherwise.
  public var delimiter: FieldDelimiter?
  /// Bytes read from the source at a time.
  public var chunkSize: Int

  /// Options; the defaults detect the encoding and the delimiter, in 256 KiB chunks.
  public init(
    encoding: TextEncoding? = nil, delimiter: FieldDelimiter? = nil, chunkSize: Int = 256 * 1024
  ) {
    self.encoding = encoding
    self.delimiter = delimiter
    self.chunkSize = chunkSize
  }
}
