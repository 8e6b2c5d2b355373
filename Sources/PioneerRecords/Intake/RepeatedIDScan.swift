import PioneerRules

/// The ids of a file that may occur more than once, found by reading the file once before
/// its rows, so that finding duplicate ids (spec §7) keeps only these few ids in memory
/// instead of every id: ten million applicants hold 80 MB of ids alone.
///
/// Each id goes into a Bloom filter; an id whose bits were all set already is a candidate.
/// Every id that really repeats is one (its second row finds the bits its first set), and so
/// are a few that do not. The rows are then read as usual, and only candidates are indexed
/// with the line of their first row, so the answer is exact.
///
/// The scan reads only the id column's cells, with the reader's own encoding, delimiter and
/// id parsing: straight from the bytes for a plain UTF-8 file (`RawIDScan`), else through
/// `TextStream` and `CSVReader`. It gives up (nil, and every id is indexed) when the file
/// cannot be read to its end as CSV; the rows' reading then reports that problem where it
/// occurs.
enum RepeatedIDScan {
  /// The filter has one bit per 8 bytes of file (~14 bits an id at the 110-byte rows of a
  /// typical export), at most 2^27 bits (16 MiB; ~13 bits an id at ten million such rows).
  static let maximumBits = 1 << 27

  /// The candidate ids of `source`, which is rewound afterwards, and the encoding it was
  /// read in (proven for the whole file); nil when the scan gave up.
  static func candidates(
    source: any ByteSource, schema: Schema, options: ReaderOptions, byteCount: Int
  ) -> (ids: IDIndex, encoding: EncodingDecision)? {
    defer { try? source.rewind() }
    guard let idInput = schema.input(role: .id), case .text = idInput.type else { return nil }
    // Nearly every large file is plain UTF-8 that the raw-byte scan reads at a fraction of
    // the cost; it gives up on anything else, and the general scan decides from the start.
    if let found = RawIDScan.candidates(
      source: source, idInput: idInput, schema: schema, options: options, byteCount: byteCount)
    {
      return found
    }
    guard (try? source.rewind()) != nil else { return nil }
    return generalCandidates(
      source: source, idInput: idInput, schema: schema, options: options, byteCount: byteCount)
  }

  /// `candidates` through the reader's own `TextStream` and `CSVReader`, for any file; the
  /// reference the raw-byte scan is tested against.
  static func generalCandidates(
    source: any ByteSource, idInput: InputDeclaration, schema: Schema, options: ReaderOptions,
    byteCount: Int
  ) -> (ids: IDIndex, encoding: EncodingDecision)? {
    // A large file is nearly always UTF-8: checking it while scanning saves reading it once
    // more just to decide that first. Anything going wrong (a byte that is not UTF-8 above
    // all) starts the scan over with the encoding decided the usual way, so the outcome is
    // the same as if it had been decided first.
    if let found = scan(
      source: source, idInput: idInput, schema: schema, options: options, byteCount: byteCount,
      checkingUTF8WhileReading: true)
    {
      return found
    }
    guard (try? source.rewind()) != nil else { return nil }
    return scan(
      source: source, idInput: idInput, schema: schema, options: options, byteCount: byteCount,
      checkingUTF8WhileReading: false)
  }

  private static func scan(
    source: any ByteSource, idInput: InputDeclaration, schema: Schema, options: ReaderOptions,
    byteCount: Int, checkingUTF8WhileReading: Bool
  ) -> (ids: IDIndex, encoding: EncodingDecision)? {
    do throws(FileProblem) {
      let text = try TextStream(
        source: source, encoding: options.encoding, chunkSize: options.chunkSize, proven: nil,
        checkingUTF8WhileReading: checkingUTF8WhileReading)
      let csv = CSVReader(text: text, delimiter: options.delimiter ?? .comma)
      guard let header = try csv.next() else { return nil }
      let layout = try HeaderLayout(header: header.fields, schema: schema)
      guard let column = layout.slots.firstIndex(of: idInput.slot) else { return nil }
      let filter = BloomFilter(bits: min(maximumBits, byteCount / 8))
      let candidates = IDIndex()
      while let record = try csv.next() {
        guard column < record.count else { continue }
        CellText.withTextCell(record.bytes(column)) { id in
          if filter.insert(hash: IDIndex.hash64(id)) {
            _ = candidates.firstLine(of: id, orInsertAt: 0)
          }
        }
      }
      return (candidates, text.decision)
    } catch {
      return nil
    }
  }
}
