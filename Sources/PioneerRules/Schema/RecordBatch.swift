/// Many records stored one after another in one buffer: record `r`'s value for input slot `s`
/// is at `r × width + s`.
///
/// A batch costs one allocation, however many records it holds, where an array of `Record`s
/// costs one per record, and it is what the batch evaluator reads. The intake types a file's
/// rows straight into one; a `Record` of any row is made only when asked for (`record(at:)`).
///
/// A few text inputs (an applicant's id and name) can be kept as bytes as well
/// (`TextColumn`): every record's text one after another in one buffer, so that a report
/// reading them for each record in turn reads memory in order, and, for an input no rule
/// reads, with no String made at all.
///
/// Filled by one thread, then only read: shared between threads once filled, hence
/// `@unchecked Sendable`, and with no run-time exclusivity checks, which cost more than the
/// read they guard on every value the evaluator reads.
public final class RecordBatch: @unchecked Sendable {
  /// A text input whose every record's text the batch keeps as UTF-8 bytes.
  public struct TextColumn: Sendable, Equatable {
    /// The input's slot.
    public let slot: Int
    /// Whether the record's value in the slot holds the text too, as `text`: for an input
    /// the rules read. When not, `missing` stands in the slot, and the text is made from
    /// the bytes only when the value or the whole record is asked for (`value(record:slot:)`,
    /// `record(at:)`); the batch evaluator, which reads values in place, must not read it.
    public let keepsValue: Bool

    /// A column for the input in `slot`, its text also in the value when `keepsValue`.
    public init(slot: Int, keepsValue: Bool) {
      self.slot = slot
      self.keepsValue = keepsValue
    }
  }

  /// Where a record's text lies in `textBytes`; a count of -1 for no text (missing).
  private struct TextSpan {
    var start: Int
    var count: Int
    static let none = TextSpan(start: 0, count: -1)
  }

  /// Values per record: the schema's input count.
  public let width: Int
  /// The inputs whose texts are kept as bytes too, by column index.
  public let textColumns: [TextColumn]
  /// Every record's texts of the text columns, in the order they were set: the first
  /// `textByteCount` of `textByteCapacity` bytes. Not an array, so that a text can be handed
  /// out where it lies (`text(record:column:)`), for as long as the batch lives unchanged.
  @exclusivity(unchecked) private var textBytes: UnsafeMutablePointer<UInt8>
  @exclusivity(unchecked) private var textByteCount = 0
  @exclusivity(unchecked) private var textByteCapacity: Int
  /// `textColumns.count`, read for every text set or read.
  private let textColumnCount: Int
  /// Record `r`'s text of column `c` is at `textSpans[r × textColumnCount + c]`, the first
  /// `textSpanCount` of `textSpanCapacity` initialised; during `appendRecord`, the spans of
  /// the record being written are there already. Not an array: setting a text checked the
  /// array's uniqueness every time.
  @exclusivity(unchecked) private var textSpans: UnsafeMutablePointer<TextSpan>
  @exclusivity(unchecked) private var textSpanCount = 0
  @exclusivity(unchecked) private var textSpanCapacity: Int
  /// The physical line each record starts on.
  @exclusivity(unchecked) public private(set) var lines: [Int] = []
  /// `capacity × width` values, the first `count × width` initialised.
  @exclusivity(unchecked) private var storage: UnsafeMutablePointer<Value>
  /// Bit `s` set: some record's value in slot `s` holds a reference (a text, code or list),
  /// and must be destroyed with the batch; marked as records are appended. Typed applicant
  /// records hold references in a slot or two (the industry code), so freeing a batch reads
  /// those slots only. Slots from 64 on are not tracked, and always read.
  @exclusivity(unchecked) private var referenceSlotMask: UInt64 = 0
  /// Records the storage has room for.
  @exclusivity(unchecked) private var capacity: Int

  /// An empty batch of records of `width` values, with room for `capacity` before it grows,
  /// keeping the texts of `textColumns` as bytes too (a column whose slot is not below
  /// `width` is left out).
  public init(width: Int, capacity: Int = 0, textColumns: [TextColumn] = []) {
    self.width = max(0, width)
    self.capacity = max(1, capacity)
    let width = self.width
    self.textColumns = textColumns.filter { $0.slot >= 0 && $0.slot < width }
    storage = .allocate(capacity: max(1, self.capacity * self.width))
    lines.reserveCapacity(self.capacity)
    // Ids and names take a few tens of bytes a record.
    textByteCapacity = self.textColumns.isEmpty ? 1 : max(1, self.capacity * 32)
    textBytes = .allocate(capacity: textByteCapacity)
    textColumnCount = self.textColumns.count
    textSpanCapacity = max(1, self.capacity * textColumnCount)
    textSpans = .allocate(capacity: textSpanCapacity)
  }

  /// A batch of `records`, each padded with `missing` (or cut) to `width` values.
  public convenience init(width: Int, records: [Record]) {
    self.init(width: width, capacity: records.count)
    for record in records { append(record) }
  }

  deinit {
    // Only values holding a reference need destroying, and only the slots marked may hold
    // one: the rest of each record, most of its bytes, is not read again.
    for slot in 0..<width where slot >= 64 || referenceSlotMask & 1 &<< slot != 0 {
      for offset in stride(from: slot, to: count * width, by: width)
      where storage[offset].holdsReference {
        (storage + offset).deinitialize(count: 1)
      }
    }
    storage.deallocate()
    textBytes.deallocate()
    textSpans.deallocate()
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
  ///
  /// The record's texts of the text columns are none until `initialize` sets them
  /// (`setText(_:column:)`); in a column that does not keep its value, `initialize` writes
  /// `missing` in the slot (or any value but a text, which is then the value).
  public func appendRecord(line: Int, _ initialize: (UnsafeMutablePointer<Value>) -> Void) {
    if count == capacity { grow() }
    if textColumnCount > textSpanCapacity &- textSpanCount { growTextSpans() }
    for _ in 0..<textColumnCount {
      (textSpans + textSpanCount).initialize(to: .none)
      textSpanCount &+= 1
    }
    let record = storage + count * width
    initialize(record)
    // Looked at now, while the values are in cache, rather than when the batch goes.
    var found: UInt64 = 0
    for slot in 0..<min(width, 64) where record[slot].holdsReference { found |= 1 &<< slot }
    referenceSlotMask |= found
    lines.append(line)
  }

  /// Sets the text of text column `column` (an index into `textColumns`) of the record
  /// `appendRecord` is appending, to these bytes; ignored out of range or at any other time.
  @inline(__always)
  public func setText(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) {
    let index = count &* textColumnCount &+ column
    // The record being appended has the last `textColumnCount` spans; any other time, none
    // lie at or past `count × textColumnCount` (the unsigned compare also rejects a negative
    // column, `count × textColumnCount` being at most the span count).
    guard UInt(bitPattern: column) < UInt(bitPattern: textColumnCount), index < textSpanCount
    else { return }
    let length = bytes.count
    if length > textByteCapacity &- textByteCount { growText(toHold: length) }
    if let source = bytes.baseAddress {
      (textBytes + textByteCount).update(from: source, count: length)
    }
    textSpans[index] = TextSpan(start: textByteCount, count: length)
    textByteCount &+= length
  }

  /// Makes room for one more record's spans at least, doubling, moving the spans there.
  @inline(never)
  private func growTextSpans() {
    let doubled = textSpanCapacity.multipliedReportingOverflow(by: 2)
    let newCapacity = max(
      textSpanCount &+ textColumnCount, doubled.overflow ? .max : doubled.partialValue)
    let newSpans = UnsafeMutablePointer<TextSpan>.allocate(capacity: newCapacity)
    newSpans.moveInitialize(from: textSpans, count: textSpanCount)
    textSpans.deallocate()
    textSpans = newSpans
    textSpanCapacity = newCapacity
  }

  /// Makes room for `extra` more text bytes at least, doubling, moving the bytes there.
  @inline(never)
  private func growText(toHold extra: Int) {
    let needed = textByteCount.addingReportingOverflow(extra)
    let doubled = textByteCapacity.multipliedReportingOverflow(by: 2)
    let newCapacity = max(
      needed.overflow ? .max : needed.partialValue, doubled.overflow ? .max : doubled.partialValue)
    let newBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newBytes.moveInitialize(from: textBytes, count: textByteCount)
    textBytes.deallocate()
    textBytes = newBytes
    textByteCapacity = newCapacity
  }

  /// Appends a copy of `record`, padded with `missing` (or cut) to `width` values.
  public func append(_ record: Record) {
    appendRecord(line: record.line) { values in
      for slot in 0..<width {
        var value = slot < record.values.count ? record.values[slot] : .missing
        if case .text(var text) = value, let column = textColumn(ofSlot: slot) {
          text.withUTF8 { setText($0, column: column) }
          if !textColumns[column].keepsValue { value = .missing }
        }
        (values + slot).initialize(to: value)
      }
    }
  }

  /// The index in `textColumns` of the column of `slot`; nil when its texts are not kept as
  /// bytes.
  @inline(__always)
  public func textColumn(ofSlot slot: Int) -> Int? {
    textColumns.firstIndex { $0.slot == slot }
  }

  /// Record `index`'s text of text column `column` as UTF-8 bytes, where the batch keeps
  /// them, or nil when it has none (out of range too). Valid while the batch lives, unless a
  /// record is appended: for batches already filled, which are only read. Reading a column
  /// for each record in turn reads memory in order.
  @inline(__always)
  public func text(record index: Int, column: Int) -> UnsafeBufferPointer<UInt8>? {
    let columns = textColumnCount
    guard UInt(bitPattern: index) < UInt(bitPattern: count),
      UInt(bitPattern: column) < UInt(bitPattern: columns)
    else { return nil }
    let span = textSpans[index &* columns &+ column]
    guard span.count >= 0, span.start >= 0, span.count <= textByteCount &- span.start else {
      return nil
    }
    return UnsafeBufferPointer(start: textBytes + span.start, count: span.count)
  }

  /// Record `index`'s texts of text columns `first` and `second`, as `text(record:column:)`
  /// gives each: one call for a report that reads both (an id and a name) for every record.
  public func texts(record index: Int, _ first: Int, _ second: Int) -> (
    UnsafeBufferPointer<UInt8>?, UnsafeBufferPointer<UInt8>?
  ) {
    (text(record: index, column: first), text(record: index, column: second))
  }

  /// Record `index`'s text of `slot` as a String, made from its bytes: nil when the slot is
  /// not a text column that drops its value, or the record has no text there.
  private func textFromBytes(record index: Int, slot: Int) -> String? {
    guard let column = textColumn(ofSlot: slot), !textColumns[column].keepsValue else {
      return nil
    }
    return text(record: index, column: column).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Record `index`'s value for `slot`; `missing` out of range.
  @inline(__always)
  public func value(record index: Int, slot: Int) -> Value {
    guard index >= 0 && index < count && slot >= 0 && slot < width else { return .missing }
    let value = storage[index * width + slot]
    if case .missing = value, let text = textFromBytes(record: index, slot: slot) {
      return .text(text)
    }
    return value
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
    if case .missing = storage[index * width + slot] {
      return textFromBytes(record: index, slot: slot) == nil
    }
    return false
  }

  /// Record `index` on its own, texts kept only as bytes made values again; nil out of range.
  public func record(at index: Int) -> Record? {
    guard index >= 0 && index < count else { return nil }
    let values = UnsafeBufferPointer(start: storage + index * width, count: width)
    var record = Record(line: lines[index], values: Array(values))
    for column in textColumns where !column.keepsValue {
      if case .missing = record.values[column.slot],
        let text = textFromBytes(record: index, slot: column.slot)
      {
        record.values[column.slot] = .text(text)
      }
    }
    return record
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
