/// A growable run of bytes in memory the reader manages itself, so that pointers into it
/// stay valid between calls and appends cost no uniqueness checks. Reused across records
/// and chunks: `removeAll()` keeps the capacity.
///
/// Its properties skip Swift's dynamic exclusivity checks, which cost more than the append
/// itself on the per-field hot path: a buffer belongs to one reader, is never shared
/// between threads, and no access to it overlaps another.
final class ByteBuffer {
  @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<UInt8>
  @exclusivity(unchecked) private(set) var count = 0
  @exclusivity(unchecked) private(set) var capacity: Int

  init(capacity: Int) {
    self.capacity = max(16, capacity)
    base = .allocate(capacity: self.capacity)
  }

  deinit {
    base.deallocate()
  }

  /// The bytes held, valid until the next mutation.
  var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

  func removeAll() {
    count = 0
  }

  @inline(__always)
  func append(_ byte: UInt8) {
    if count == capacity { grow(toAtLeast: count + 1) }
    base[count] = byte
    count += 1
  }

  @inline(__always)
  func append(_ start: UnsafePointer<UInt8>, count added: Int) {
    guard added > 0 else { return }
    if capacity - count < added { grow(toAtLeast: count + added) }
    (base + count).update(from: start, count: added)
    count += added
  }

  /// Appends the UTF-8 of a Unicode scalar value (the caller has checked it is one).
  @inline(__always)
  func appendUTF8(_ scalar: UInt32) {
    switch scalar {
    case 0..<0x80:
      append(UInt8(scalar))
    case 0x80..<0x800:
      append(UInt8(0xC0 | (scalar >> 6)))
      append(UInt8(0x80 | (scalar & 0x3F)))
    case 0x800..<0x10000:
      append(UInt8(0xE0 | (scalar >> 12)))
      append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      append(UInt8(0x80 | (scalar & 0x3F)))
    default:
      append(UInt8(0xF0 | (scalar >> 18)))
      append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
      append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      append(UInt8(0x80 | (scalar & 0x3F)))
    }
  }

  /// Drops the first `dropped` bytes, moving the rest to the front.
  func removeFirst(_ dropped: Int) {
    guard dropped > 0 else { return }
    let kept = count - dropped
    if kept > 0 { UnsafeMutableRawPointer(base).copyMemory(from: base + dropped, byteCount: kept) }
    count = kept
  }

  func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let start = bytes.baseAddress else { return }
    append(start, count: bytes.count)
  }

  /// Sizes stay far below `Int.max`: records are capped and chunks are fixed.
  private func grow(toAtLeast needed: Int) {
    var newCapacity = capacity
    while newCapacity < needed { newCapacity *= 2 }
    let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newBase.moveInitialize(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }
}
