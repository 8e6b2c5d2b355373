/// Many records stored one after another in one buffer: record `r`'s value for input slot `s`
/// is at `r × width + s`.
///
/// A batch costs one allocation, however many records it holds, where an array of `Record`s
/// costs one per record, and it is what the batch evaluator reads. The intake types a file's
/// rows straight into one; a `Record` of any row is made only when asked for (`record(at:)`).
///
/// Filled by one thread, then only read: shared between threads once filled, hence
/// `@unchecked Sendable`, and with no run-time exclusivity checks, which cost more than the
/// read they guard on every value the evaluator reads.
public final class RecordBatch: @unchecked Sendable {
  /// Values per record: the schema's input count.
  public let width: Int
  /// The physical line each record starts on.
  @exclusivity(unchecked) public private(set) var lines: [Int] = []
  /// `capacity × width` values, the first `count × width` initialised.
  @exclusivity(unchecked) private var storage: UnsafeMutablePointer<Value>
  /// Records the storage has room for.
  @exclusivity(unchecked) private var capacity: Int

  /// An empty batch of records of `width` values, with room for `capacity` before it grows.
  public init(width: Int, capacity: Int = 0) {
    self.width = max(0, width)
    self.capacity = max(1, capacity)
    storage = .allocate(capacity: max(1, self.capacity * self.width))
    lines.reserveCapacity(self.capacity)
  }

  /// A batch of `records`, each padded with `missing` (or cut) to `width` values.
  public convenience init(width: Int, records: [Record]) {
    self.init(width: width, capacity: records.count)
    for record in records { append(record) }
  }

  deinit {
    // Most values hold no reference and need no destroying; testing the case first is several
    // times cheaper than the general destroy, which this did for every value of every row.
    for offset in 0..<count * width where storage[offset].holdsReference {
      (storage + offset).deinitialize(count: 1)
    }
    storage.deallocate()
  }

  /// The number of records.
  public var count: Int { lines.count }

  /// The line record `index` starts on; nil out of range. Read through this method rather
  /// than `lines`: another module's read of the property runs an exclusivity check every
  /// time, whatever `@exclusivity(unchecked)` says, and this is read for every row.
  public func line(at index: Int) -> Int? {
    index >= 0 && index < lines.count ? lines[index] : nil
  }

  /// Appends a record whose values `initialize` writes in place. `initialize` is given room
  /// for `width` values and must initialise each of them exactly once, whatever it meets:
  /// typing a row's cells straight into the batch is what saves a copy per value.
  public func appendRecord(line: Int, _ initialize: (UnsafeMutablePointer<Value>) -> Void) {
    if count == capacity { grow() }
    initialize(storage + count * width)
    lines.append(line)
  }

  /// Appends a copy of `record`, padded with `missing` (or cut) to `width` values.
  public func append(_ record: Record) {
    appendRecord(line: record.line) { values in
      for slot in 0..<width {
        (values + slot).initialize(to: slot < record.values.count ? record.values[slot] : .missing)
      }
    }
  }

  /// Record `index`'s value for `slot`; `missing` out of range.
  @inline(__always)
  public func value(record index: Int, slot: Int) -> Value {
    guard index >= 0 && index < count && slot >= 0 && slot < width else { return .missing }
    return storage[index * width + slot]
  }

  /// Record `index`'s `width` values where they lie; nil out of range. For the batch evaluator,
  /// which reads a record's inputs in place: one range check a record instead of four a value,
  /// and no copy of a value (a code's text and path retained and released) just to look at it.
  /// Valid until the batch grows or goes; the evaluator reads only batches already filled.
  @inline(__always)
  func values(ofRecord index: Int) -> UnsafePointer<Value>? {
    guard UInt(bitPattern: index) < UInt(bitPattern: count) else { return nil }
    return UnsafePointer(storage + index &* width)
  }

  /// Whether record `index`'s value for `slot` is missing (true out of range): tested in place,
  /// without copying a text to look at it.
  @inline(__always)
  public func isMissing(record index: Int, slot: Int) -> Bool {
    guard index >= 0 && index < count && slot >= 0 && slot < width else { return true }
    if case .missing = storage[index * width + slot] { return true }
    return false
  }

  /// Record `index` on its own; nil out of range.
  public func record(at index: Int) -> Record? {
    guard index >= 0 && index < count else { return nil }
    let values = UnsafeBufferPointer(start: storage + index * width, count: width)
    return Record(line: lines[index], values: Array(values))
  }

  /// Doubles the room, moving the values already there.
  private func grow() {
    let newCapacity = capacity * 2
    let newStorage = UnsafeMutablePointer<Value>.allocate(capacity: max(1, newCapacity * width))
    newStorage.moveInitialize(from: storage, count: count * width)
    storage.deallocate()
    storage = newStorage
    capacity = newCapacity
  }
}
