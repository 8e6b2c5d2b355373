/// Records of a CSV file copied out of the reader's buffer, untyped, so that typing them can
/// run on another thread while the reader goes on to the next records. Blank records (every
/// field empty once trimmed), which the intake skips, are only counted.
///
/// Every record's bytes lie back to back in one buffer, with the fields' bounds in another;
/// a batch is refilled (`removeAll()`, then `append`) rather than allocated anew, so reading
/// a file costs a memcpy per record and no allocation once the first batches exist.
///
/// A batch belongs to one thread at a time and is handed between threads only under a lock
/// (which orders the memory accesses): hence `@unchecked Sendable`.
public final class RawRecordBatch: @unchecked Sendable {
  private struct Entry {
    var line: Int
    var byteOffset: Int
    /// Where the record's bytes start in `bytes`; its bounds are relative to it.
    var start: Int
    /// The index in `bounds` of the record's first field's start.
    var firstBound: Int
    var fieldCount: Int
  }

  /// The records a full batch holds, blank ones not counted: batches then hand over rows in
  /// the same steps however many blank records a file has.
  public let capacity: Int
  private let bytes: ByteBuffer
  // Unchecked for exclusivity like `ByteBuffer`: a batch is used by one thread at a time,
  // and no access to it overlaps another.
  @exclusivity(unchecked) private var bounds: UnsafeMutablePointer<Int>
  @exclusivity(unchecked) private var boundsCount = 0
  @exclusivity(unchecked) private var boundsCapacity: Int
  @exclusivity(unchecked) private var entries: [Entry] = []
  /// The blank records met since the batch was emptied, counted and not held, so that a
  /// batch's memory stays bounded however many blank lines a file has.
  @exclusivity(unchecked) public private(set) var blankCount = 0

  /// An empty batch for up to `capacity` records (at least one).
  public init(capacity: Int) {
    self.capacity = max(1, capacity)
    // Room for records of up to 16 fields and 128 bytes from the start, so that a batch
    // does not grow its buffers record by record, copying them each time, while its first
    // records come in (memory not written to is not committed). Bounded, so that no
    // capacity overflows the products.
    let sized = min(self.capacity, 1 << 16)
    boundsCapacity = 32 * sized
    bounds = .allocate(capacity: boundsCapacity)
    bytes = ByteBuffer(capacity: 128 * sized)
    entries.reserveCapacity(self.capacity)
  }

  deinit {
    bounds.deallocate()
  }

  /// The records held (blank ones are only counted).
  public var count: Int { entries.count }

  /// Whether the batch holds `capacity` records.
  public var isFull: Bool { entries.count >= capacity }

  /// Whether the batch holds no record and counted no blank one.
  var isEmpty: Bool { entries.isEmpty && blankCount == 0 }

  /// Empties the batch, keeping its memory for the next records.
  func removeAll() {
    bytes.removeAll()
    boundsCount = 0
    entries.removeAll(keepingCapacity: true)
    blankCount = 0
  }

  /// Copies `record` in after the records held, or counts it when it is blank.
  @inline(__always)
  func append(_ record: CSVRecord) {
    guard !record.fieldView.isBlank else {
      blankCount += 1
      return
    }
    let firstBound = boundsCount
    let span = record.span
    // The bounds are relative to the record's start, wherever its bytes lie: both are
    // copied as they are.
    let start = bytes.count
    bytes.append(span.bytes)
    reserveBounds(span.bounds.count)
    if let source = span.bounds.baseAddress {
      // Room for `span.bounds.count` more was just made.
      (bounds + firstBound).initialize(from: source, count: span.bounds.count)
    }
    boundsCount = firstBound + span.bounds.count
    entries.append(
      Entry(
        line: record.line, byteOffset: record.byteOffset, start: start, firstBound: firstBound,
        fieldCount: record.count))
  }

  /// The physical line on which record `index` starts.
  func line(_ index: Int) -> Int { entries[index].line }

  /// The offset of record `index`'s first byte in the decoded text (see `CSVRecord`).
  func byteOffset(_ index: Int) -> Int { entries[index].byteOffset }

  /// Calls `body` with each record's fields, in order.
  func forEachRecord(_ body: (RecordFields) -> Void) {
    forEachRecord(in: 0..<entries.count, body)
  }

  /// Calls `body` with the fields of each record in `range` (clamped to the records held),
  /// in order.
  func forEachRecord(in range: Range<Int>, _ body: (RecordFields) -> Void) {
    let base = UnsafePointer(bytes.base)
    let bounds = UnsafePointer(self.bounds)
    for entry in entries[range.clamped(to: 0..<entries.count)] {
      // `append` stored `2 * fieldCount` bounds from `firstBound`, each a range of the
      // record's bytes from `start`.
      body(
        RecordFields(
          line: entry.line, count: entry.fieldCount, base: base + entry.start,
          bounds: bounds + entry.firstBound))
    }
  }

  /// The fields of record `index` as text.
  func fields(_ index: Int) -> [String] {
    let entry = entries[index]
    let fields = RecordFields(
      line: entry.line, count: entry.fieldCount, base: bytes.base + entry.start,
      bounds: bounds + entry.firstBound)
    return (0..<fields.count).map { String(decoding: fields.bytes($0), as: UTF8.self) }
  }

  /// Room for `added` more bounds.
  private func reserveBounds(_ added: Int) {
    guard boundsCapacity - boundsCount < added else { return }
    var newCapacity = boundsCapacity
    while newCapacity - boundsCount < added { newCapacity *= 2 }
    let grown = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
    grown.moveInitialize(from: bounds, count: boundsCount)
    bounds.deallocate()
    bounds = grown
    boundsCapacity = newCapacity
  }
}
