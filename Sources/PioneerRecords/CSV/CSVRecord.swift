/// One record of a CSV file: its fields as UTF-8 bytes and where it starts.
///
/// A `CSVReader` refills the same record for every call, and the fields point into the
/// reader's buffer, so they are valid only until the reader's next call; copy what must
/// outlive it.
public final class CSVRecord {
  /// The physical line on which the record starts (the header is line 1).
  // Unchecked for exclusivity like the fields below: a dynamic check on each of the two
  // writes and two reads a record gets cost more than the rest of its bookkeeping.
  @exclusivity(unchecked) public internal(set) var line = 0
  /// The offset of the record's first byte in the decoded UTF-8 text (the byte-order mark
  /// excluded; for a UTF-8 file, the file offset less the mark's 3 bytes if it has one).
  @exclusivity(unchecked) public internal(set) var byteOffset = 0

  /// The buffer the fields lie in.
  let window: ByteBuffer
  /// Where the record starts in `window`. Bounds are relative to it, so that when the reader
  /// drops the text before the record only this moves, and a copy of the record's bytes
  /// takes the bounds as they are (`RawRecordBatch`).
  @exclusivity(unchecked) var origin = 0
  /// Field `i` is `window[origin + bounds[2i]..<origin + bounds[2i + 1]]`; memory the record
  /// owns, so reading a field touches no reference count. The reader fills it in order, so
  /// each field starts after the one before it ends (quotes and delimiters between them) and
  /// no bound is negative.
  @exclusivity(unchecked) private(set) var bounds: UnsafeMutablePointer<Int>
  @exclusivity(unchecked) private(set) var boundsCapacity = 64
  /// The number of fields.
  @exclusivity(unchecked) public internal(set) var count = 0

  init(window: ByteBuffer) {
    self.window = window
    bounds = .allocate(capacity: boundsCapacity)
  }

  deinit {
    bounds.deallocate()
  }

  /// The bytes of field `index` (0-based), quotes removed and doubled quotes undoubled,
  /// untrimmed; valid until the reader's next call.
  @inline(__always)
  public func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
    precondition(index >= 0 && index < count, "field index out of range")
    let start = bounds[2 * index]
    return UnsafeBufferPointer(
      start: window.base + origin + start, count: bounds[2 * index + 1] - start)
  }

  /// The fields, for typing them in place; valid until the reader's next call.
  var fieldView: RecordFields {
    RecordFields(line: line, count: count, base: window.base + origin, bounds: bounds)
  }

  /// The record's bytes from its start to the end of its last field (with whatever lies
  /// between the fields: quotes, delimiters) and the fields' bounds in them: for copying the
  /// record out in one piece. Valid until the reader's next call.
  var span: (bytes: UnsafeBufferPointer<UInt8>, bounds: UnsafeBufferPointer<Int>) {
    // Fields come in order, so the last one ends last.
    let end = count > 0 ? max(0, bounds[2 * count - 1]) : 0
    return (
      UnsafeBufferPointer(start: window.base + origin, count: end),
      UnsafeBufferPointer(start: bounds, count: 2 * count)
    )
  }

  /// Field `index` (0-based) as text.
  public subscript(index: Int) -> String {
    String(decoding: bytes(index), as: UTF8.self)
  }

  /// Every field as text.
  public var fields: [String] {
    (0..<count).map { self[$0] }
  }

  /// Twice the room for bounds, those of the first `fields` fields kept: the reader fills
  /// bounds through a pointer of its own, and counts the fields itself, until it returns.
  func growBounds(keeping fields: Int) -> UnsafeMutablePointer<Int> {
    let grown = UnsafeMutablePointer<Int>.allocate(capacity: 2 * boundsCapacity)
    grown.moveInitialize(from: bounds, count: min(2 * fields, boundsCapacity))
    bounds.deallocate()
    bounds = grown
    boundsCapacity *= 2
    return grown
  }
}
