import PioneerRecords
import PioneerRules

/// Fuzz target (a): bytes → encoding detection → CSV reader → ApplicantReader over the r3
/// schema → evaluation of every valid record. Every thrown error is a correct answer; only a
/// trap (or a sanitizer report) is a finding.
///
/// Each input is read twice: once with the encoding detected, in tiny chunks from a source
/// that is rewindable or not (chunk edges inside characters, quotes and CRLF), and once
/// with an explicit encoding and the default chunk size. The hash of the input picks the
/// options, so a crash input replays the same way.

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

  // Requested, default chunks.
  var request = ReaderOptions()
  request.encoding = encodings[Int((hash >> 20) % 4)]
  readAll(MemorySource(bytes), options: request)
  return 0
}

private func readAll(_ source: any ByteSource, options: ReaderOptions) {
  let reader: ApplicantReader
  do {
    reader = try ApplicantReader(
      source: source, path: "fuzz.csv", schema: ruleSet.schema, options: options)
  } catch {
    _ = error.message(.en)
    _ = error.message(.ja)
    return
  }
  _ = reader.encoding
  _ = reader.layout.unknownColumns
  do {
    while let row = try reader.next() {
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
    _ = error.message(.en)
    _ = error.message(.ja)
  }
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
