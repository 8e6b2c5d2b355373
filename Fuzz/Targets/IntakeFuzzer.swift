import PioneerRecords
import PioneerRules

/// Fuzz target (a): bytes → encoding detection → CSV reader → ApplicantReader over the r3
/// schema → evaluation of every valid record. Every thrown error is a correct answer; only a
/// trap (or a sanitizer report) is a finding.
///
/// Each input is read four times: once with the encoding detected, in tiny chunks from a
/// source that is rewindable or not (chunk edges inside characters, quotes and CRLF); then
/// with an explicit encoding and the default chunk size, keeping every id and again after
/// the id scan a large file gets (`RepeatedIDScan`), which must give the same rows and end
/// the same way; and once more to find one of its ids with `firstRow(withID:)`, which must
/// give the first row with that id. A difference is a finding (`fatalError`). The hash of
/// the input picks the options, so a crash input replays the same way.

nonisolated(unsafe) private var ruleSet: RuleSet!

@_cdecl("LLVMFuzzerInitialize")
public func initialize(
  _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>>
) -> CInt {
  ruleSet = FuzzSupport.ruleSet()
  return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let raw = UnsafeRawBufferPointer(start: data, count: count)
  let bytes = [UInt8](raw)
  let hash = FuzzSupport.hash(raw)
  let encodings: [TextEncoding] = [.utf8, .utf16LittleEndian, .utf16BigEndian, .cp932]

  // Detected, small chunks.
  var detect = ReaderOptions()
  detect.chunkSize = 1 + Int(hash % 16)
  detect.delimiter = hash & 0x100 == 0 ? .comma : .tab
  let source: any ByteSource =
    hash & 0x200 == 0
    ? MemorySource(bytes, chunkLimit: 1 + Int((hash >> 12) % 7))
    : StreamSource(bytes, chunkLimit: 1 + Int((hash >> 12) % 7))
  readAll(source, options: detect)

  // Requested, default chunks: once keeping every id, once with the id scan a large file
  // gets. Both must give the same rows and end the same way (a differential check).
  var request = ReaderOptions()
  request.encoding = encodings[Int((hash >> 20) % 4)]
  request.idScanMinimumBytes = .max
  let plain = readAll(MemorySource(bytes), options: request)
  request.idScanMinimumBytes = 0
  let scanned = readAll(MemorySource(bytes), options: request)
  if scanned.rows != plain.rows || scanned.failure != plain.failure {
    fatalError("fuzz: the id scan changed the rows read")
  }

  // Finding one applicant by id gives the first row with that id, as read in full.
  if plain.failure == nil, !plain.rows.isEmpty {
    let wanted = plain.rows[Int((hash >> 24) % UInt64(plain.rows.count))]
    if let id = wanted.id, let reader = try? open(MemorySource(bytes), options: request) {
      let found = try? reader.firstRow(withID: id)
      if found != plain.rows.first(where: { $0.id == id }) {
        fatalError("fuzz: firstRow(withID:) differs from the full read")
      }
    }
  }
  return 0
}

/// The id of a row, as `explain` matches it.
extension ApplicantRow {
  fileprivate var id: String? {
    switch self {
    case .record(let record):
      guard let slot = ruleSet.schema.input(role: .id)?.slot,
        case .text(let text) = record.values[slot]
      else { return nil }
      return text
    case .invalid(_, let id, _, _): return id
    }
  }
}

private func open(_ source: any ByteSource, options: ReaderOptions) throws(FileError)
  -> ApplicantReader
{
  try ApplicantReader(source: source, path: "fuzz.csv", schema: ruleSet.schema, options: options)
}

/// Every row read, and the message of the error that ended the reading, if any.
@discardableResult
private func readAll(_ source: any ByteSource, options: ReaderOptions) -> (
  rows: [ApplicantRow], failure: String?
) {
  let reader: ApplicantReader
  do {
    reader = try open(source, options: options)
  } catch {
    _ = error.message(.ja)
    return ([], error.message(.en))
  }
  _ = reader.encoding
  _ = reader.layout.unknownColumns
  var rows: [ApplicantRow] = []
  do {
    while let row = try reader.next() {
      rows.append(row)
      switch row {
      case .record(let record):
        _ = ruleSet.brokenChecks(record)
        _ = ruleSet.evaluate(record)
      case .invalid(_, _, _, let errors):
        for error in errors {
          _ = error.message(.en)
          _ = error.message(.ja)
        }
      }
    }
  } catch {
    _ = error.message(.ja)
    return (rows, error.message(.en))
  }
  return (rows, nil)
}

/// Memory read like a pipe: not rewindable, so detection takes the streaming path.
private final class StreamSource: ByteSource {
  private let inner: MemorySource

  init(_ bytes: [UInt8], chunkLimit: Int) {
    inner = MemorySource(bytes, chunkLimit: chunkLimit)
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileProblem) -> Int {
    try inner.read(into: buffer)
  }

  var isRewindable: Bool { false }

  func rewind() throws(FileProblem) {
    throw .readFailed(errno: 29)  // ESPIPE, as a pipe would
  }
}
