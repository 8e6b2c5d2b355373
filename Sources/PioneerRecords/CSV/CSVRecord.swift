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
  /// Field `i` is `window[bounds[2i]..<bounds[2i + 1]]`; memory the record owns, so reading
  /// a field touches no reference count.
  @exclusivity(unchecked) private var bounds: UnsafeMutablePointer<Int>
  @exclusivity(unchecked) private var boundsCapacity = 64
  /// The number of fields.
  @exclusivity(unchecked) public private(set) var count = 0

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
    return UnsafeBufferPointer(start: window.base + start, count: bounds[2 * index + 1] - start)
  }

  /// The fields, for typing them in place; valid until the reader's next call.
  var fieldView: RecordFields {
    RecordFields(line: line, count: count, base: window.base, bounds: bounds)
  }

  /// The part of the reader's buffer that holds every field (with whatever lies between
  /// them: quotes, delimiters), where it starts in that buffer, and the fields' bounds in
  /// it: for copying the record out in one piece. Valid until the reader's next call.
  var span: (bytes: UnsafeBufferPointer<UInt8>, start: Int, bounds: UnsafeBufferPointer<Int>) {
    // Fields come in order, but the smallest start and largest end need no such argument.
    var start = Int.max
    var end = 0
    for index in 0..<count {
      start = min(start, bounds[2 * index])
      end = max(end, bounds[2 * index + 1])
    }
    if count == 0 { start = 0 }
    return (
      UnsafeBufferPointer(start: window.base + start, count: end - start), start,
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

  func removeAll() {
    count = 0
  }

  @inline(__always)
  func addField(from start: Int, to end: Int) {
    if 2 * count == boundsCapacity { growBounds() }
    bounds[2 * count] = start
    bounds[2 * count + 1] = end
    count += 1
  }

  private func growBounds() {
    let grown = UnsafeMutablePointer<Int>.allocate(capacity: 2 * boundsCapacity)
    grown.moveInitialize(from: bounds, count: 2 * count)
    bounds.deallocate()
    bounds = grown
    boundsCapacity *= 2
  }

  /// Moves the fields read so far when the buffer drops its first `dropped` bytes.
  func shift(by dropped: Int) {
    for index in 0..<2 * count { bounds[index] -= dropped }
  }
}
