import PioneerRules

/// The values of recently read short cells, by their exact bytes: a file repeats the same
/// dates, counts, words and codes, and a hit costs neither parsing nor (since `Value` is
/// boxed) an allocation.
///
/// Direct-mapped: each cell of at most 32 bytes has one slot, chosen by a hash of its
/// bytes, and a newer cell simply replaces an older one there. Keys are compared whole, so a
/// hit is always the cell's own value. Only values are cached, never failures.
final class ValueCache {
  private struct Entry {
    var key: Key
    var value: Value
  }

  /// Up to 32 bytes, zero-padded, and their count (-1 for an empty slot).
  private struct Key: Equatable {
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var length = -1

    static func == (lhs: Key, rhs: Key) -> Bool {
      // Equal lengths of at most 8 bytes leave zeros in both keys' other words.
      lhs.length == rhs.length && lhs.words.0 == rhs.words.0
        && (lhs.length <= 8
          || lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2
            && lhs.words.3 == rhs.words.3)
    }
  }

  /// The longest cell cached.
  static let maximumLength = 32
  private static let slotCount = 1024
  /// Values parsed before the table is made: a short file (or a fuzz input) never pays for
  /// building and freeing 15 tables of 1,024 slots.
  static let warmUp = 32
  private var entries: UnsafeMutablePointer<Entry>?
  private var storesBeforeTable = 0

  init() {}

  deinit {
    guard let entries else { return }
    entries.deinitialize(count: ValueCache.slotCount)
    entries.deallocate()
  }

  /// The value cached for exactly these bytes, if any.
  @inline(__always)
  func value(for bytes: UnsafeBufferPointer<UInt8>) -> Value? {
    guard let entries, let (key, slot) = ValueCache.key(bytes) else { return nil }
    let entry = entries + slot
    return entry.pointee.key == key ? entry.pointee.value : nil
  }

  /// Remembers `value` for these bytes (ignored when they are too long).
  func store(_ value: Value, for bytes: UnsafeBufferPointer<UInt8>) {
    guard let (key, slot) = ValueCache.key(bytes) else { return }
    if let entries {
      entries[slot] = Entry(key: key, value: value)
      return
    }
    storesBeforeTable += 1
    guard storesBeforeTable >= ValueCache.warmUp else { return }
    let table = UnsafeMutablePointer<Entry>.allocate(capacity: ValueCache.slotCount)
    table.initialize(repeating: Entry(key: Key(), value: .missing), count: ValueCache.slotCount)
    table[slot] = Entry(key: key, value: value)
    entries = table
  }

  @inline(__always)
  private static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> (Key, Int)? {
    let count = bytes.count
    guard count <= maximumLength else { return nil }
    var key = Key()
    key.length = count
    if let base = bytes.baseAddress {
      key.words.0 = word(base, count: count, 0)
      // Most cached cells (counts, dates, words) fit in one word.
      if count > 8 {
        key.words.1 = word(base, count: count, 8)
        key.words.2 = word(base, count: count, 16)
        key.words.3 = word(base, count: count, 24)
      }
    }
    return (key, hashSlot(key))
  }

  @inline(__always)
  private static func hashSlot(_ key: Key) -> Int {
    // Independent products, so the multiplications overlap; then one final mix. The
    // words past a short key are zero and add nothing.
    var hash = UInt64(truncatingIfNeeded: key.length) &* 0x9E37_79B9_7F4A_7C15
    hash ^= key.words.0 &* 0xFF51_AFD7_ED55_8CCD
    if key.length > 8 {
      hash ^= key.words.1 &* 0xC4CE_B9FE_1A85_EC53
      hash ^= key.words.2 &* 0xD6E8_FEB8_6659_FD93
      hash ^= key.words.3 &* 0x9FB2_1C65_1E98_DF25
    }
    hash ^= hash >> 32
    hash = hash &* 0x9E37_79B9_7F4A_7C15
    return Int(truncatingIfNeeded: hash >> 54) & (slotCount - 1)
  }

  /// Bytes `start..<start + 8` of the `count` at `base`, little-endian, zero past the end.
  /// A short tail is read with two overlapping loads instead of byte by byte: a byte both
  /// loads cover lands in the same place from each, and ORs with itself.
  @inline(__always)
  static func word(_ base: UnsafePointer<UInt8>, count: Int, _ start: Int) -> UInt64 {
    let available = count - start
    let raw = UnsafeRawPointer(base + start)
    if available >= 8 { return UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) }
    if available >= 4 {
      let low = UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self))
      let high = UInt32(
        littleEndian: raw.loadUnaligned(fromByteOffset: available - 4, as: UInt32.self))
      return UInt64(low) | UInt64(high) << UInt64(8 * (available - 4))
    }
    if available >= 2 {
      let low = UInt16(littleEndian: raw.loadUnaligned(as: UInt16.self))
      let high = UInt16(
        littleEndian: raw.loadUnaligned(fromByteOffset: available - 2, as: UInt16.self))
      return UInt64(low) | UInt64(high) << UInt64(8 * (available - 2))
    }
    return available == 1 ? UInt64(base[start]) : 0
  }

}
