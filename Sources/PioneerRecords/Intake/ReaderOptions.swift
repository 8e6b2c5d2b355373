/// How an applicant file is read.
public struct ReaderOptions: Hashable, Sendable {
  /// The file's encoding; nil detects it (spec §3.1).
  public var encoding: TextEncoding?
  /// The field delimiter; nil takes tab for a `.tsv` path and comma otherwise.
  public var delimiter: FieldDelimiter?
  /// Bytes read from the source at a time.
  public var chunkSize: Int
  /// From this size on, a file that can be read twice has its ids read once before its
  /// rows (`RepeatedIDScan`), so that finding duplicate ids keeps memory flat; smaller
  /// files keep every id instead, which is faster.
  public var idScanMinimumBytes = 16 << 20

  /// Options; the defaults detect the encoding and the delimiter, in 256 KiB chunks.
  public init(
    encoding: TextEncoding? = nil, delimiter: FieldDelimiter? = nil, chunkSize: Int = 256 * 1024
  ) {
    self.encoding = encoding
    self.delimiter = delimiter
    self.chunkSize = chunkSize
  }
}
