import PioneerRules

/// The values of recently read short cells, by their exact bytes: a file repeats the same
/// dates, counts, words and codes, and a hit costs no parsing and no allocation (a code's
/// strings are shared, not made again).
///
/// Direct-mapped with one spill: each cell of at most 32 bytes has a home slot, chosen by a
/// hash of its bytes, and is stored there unless another cell is, then in the neighbouring
/// slot (the home slot with its lowest bit flipped) if that is still empty, else over the
/// cell at home. Two cells with one home (about one pair among a column's 35 industry
/// codes) then both stay, where they used to evict one another on every other row. The
/// spill slot is looked at only after a miss at home, so a hit at home, the usual case,
/// costs what it did. Keys are compared whole, so a hit is always the cell's own value.
/// Only values are cached, never failures.
final class ValueCache {
  private struct Entry {
    var key: Key
    var value: Value
    /// Whether `value` holds no reference (a number, a date, a word), so that copying its
    /// bytes copies it: the usual hit then needs no outlined copy switching on its case.
    var isPlain: Bool
  }

  /// A cell of up to 32 bytes as its length and up to four little-endian words that
  /// together cover every byte (-1 length for an empty slot).
  ///
  /// The words are loaded by `Key.init` in a fixed way for each length, so for equal
  /// lengths equal words mean equal bytes: the last word of a longer cell is loaded
  /// ending at its last byte, overlapping the one before it, rather than assembled from a
  /// short tail byte by byte. Words a length does not use stay zero.
  private struct Key: Equatable {
    var length = -1
    var first: UInt64 = 0
    var second: UInt64 = 0
    var third: UInt64 = 0
    var fourth: UInt64 = 0

    init() {}

    /// The key of `count` bytes at `base`; `count` is at most `maximumLength`.
    @inline(__always)
    init(_ base: UnsafePointer<UInt8>, count: Int) {
      length = count
      let raw = UnsafeRawPointer(base)
      // Every load below lies within `base..<base + count`: each reads `n` bytes at an
      // offset of at most `count - n`, on a branch where `count >= n`.
      if count <= 8 {
        first = ValueCache.shortWord(base, count: count)
        return
      }
      first = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
      let last = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
      if count <= 16 {
        second = last
      } else if count <= 24 {
        second = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        third = last
      } else {
        second = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        third = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        fourth = last
      }
    }

    static func == (lhs: Key, rhs: Key) -> Bool {
      // Words a length does not use are zero in both keys.
      lhs.length == rhs.length && lhs.first == rhs.first
        && (lhs.length <= 8
          || lhs.second == rhs.second && lhs.third == rhs.third && lhs.fourth == rhs.fourth)
    }

    /// The key's home slot: independent products, so the multiplications overlap, then one
    /// final mix. Unused words are zero and add nothing.
    @inline(__always)
    var slot: Int {
      var hash = UInt64(truncatingIfNeeded: length) &* 0x9E37_79B9_7F4A_7C15
      hash ^= first &* 0xFF51_AFD7_ED55_8CCD
      if length > 8 {
        hash ^= second &* 0xC4CE_B9FE_1A85_EC53
        hash ^= third &* 0xD6E8_FEB8_6659_FD93
        hash ^= fourth &* 0x9FB2_1C65_1E98_DF25
      }
      hash ^= hash >> 32
      hash = hash &* 0x9E37_79B9_7F4A_7C15
      return Int(truncatingIfNeeded: hash >> 54) & (ValueCache.slotCount - 1)
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

  /// The value cached for exactly these bytes in their home slot, if any: the usual hit.
  /// A cell not found here may still be in its spill slot (`spilledValue(for:)`), which
  /// is looked at only then, so that this stays as short as a direct-mapped lookup.
  @inline(__always)
  func value(for bytes: UnsafeBufferPointer<UInt8>) -> Value? {
    guard let entries, let base = bytes.baseAddress, bytes.count <= ValueCache.maximumLength
    else { return nil }
    let key = Key(base, count: bytes.count)
    // `slot` is masked to `0..<slotCount`, the table's size.
    let home = entries + key.slot
    return home.pointee.key == key ? home.pointee.value : nil
  }

  /// Initialises `destination` with the value cached for exactly these bytes in their home
  /// slot and returns true, if there is one; else leaves it as it is and returns false.
  /// `value(for:)` for a caller that wants the value in place: copied once, straight from
  /// the table.
  @inline(__always)
  func copyValue(
    for bytes: UnsafeBufferPointer<UInt8>, to destination: UnsafeMutablePointer<Value>
  ) -> Bool {
    guard let entries, let base = bytes.baseAddress, bytes.count <= ValueCache.maximumLength
    else { return false }
    let key = Key(base, count: bytes.count)
    // As in `value(for:)`.
    let home = entries + key.slot
    guard home.pointee.key == key else { return false }
    if home.pointee.isPlain {
      // One `Value` read from the entry's own storage and written to `destination`, whose
      // room for one the caller owns.
      withUnsafePointer(to: &home.pointee.value) { source in
        UnsafeMutableRawPointer(destination).copyMemory(
          from: source, byteCount: MemoryLayout<Value>.size)
      }
    } else {
      destination.initialize(to: home.pointee.value)
    }
    return true
  }

  /// The value cached for exactly these bytes in their spill slot, if any.
  func spilledValue(for bytes: UnsafeBufferPointer<UInt8>) -> Value? {
    guard let entries, let base = bytes.baseAddress, bytes.count <= ValueCache.maximumLength
    else { return nil }
    let key = Key(base, count: bytes.count)
    // `slot ^ 1` is within `0..<slotCount` as `slot` is, `slotCount` being even.
    let spill = entries + (key.slot ^ 1)
    return spill.pointee.key == key ? spill.pointee.value : nil
  }

  /// The home slot of these bytes, or nil when they are too long to be cached: how tests
  /// find cells that share a home.
  static func slot(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = bytes.baseAddress, bytes.count <= ValueCache.maximumLength else { return nil }
    return Key(base, count: bytes.count).slot
  }

  /// Remembers `value` for these bytes (ignored when they are too long).
  func store(_ value: Value, for bytes: UnsafeBufferPointer<UInt8>) {
    guard let base = bytes.baseAddress, bytes.count <= ValueCache.maximumLength else { return }
    let key = Key(base, count: bytes.count)
    if let entries {
      // Both slots are within the table, as in `value(for:)`.
      let home = entries + key.slot
      let spill = entries + (key.slot ^ 1)
      let isFree = home.pointee.key.length >= 0 && spill.pointee.key.length < 0
      (isFree ? spill : home).pointee = Entry(
        key: key, value: value, isPlain: !value.holdsReference)
      return
    }
    storesBeforeTable += 1
    guard storesBeforeTable >= ValueCache.warmUp else { return }
    let table = UnsafeMutablePointer<Entry>.allocate(capacity: ValueCache.slotCount)
    table.initialize(
      repeating: Entry(key: Key(), value: .missing, isPlain: true), count: ValueCache.slotCount)
    table[key.slot] = Entry(key: key, value: value, isPlain: !value.holdsReference)
    entries = table
  }

  /// The `count` (at most 8) bytes at `base`, little-endian, zero above them. A tail of
  /// 2 to 7 bytes is read with two overlapping loads instead of byte by byte: a byte both
  /// loads cover lands in the same place from each, and ORs with itself.
  @inline(__always)
  static func shortWord(_ base: UnsafePointer<UInt8>, count: Int) -> UInt64 {
    let raw = UnsafeRawPointer(base)
    // As in `Key.init`: each load of `n` bytes starts at most `count - n` bytes in.
    if count >= 8 { return UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) }
    if count >= 4 {
      let low = UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self))
      let high = UInt32(
        littleEndian: raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
      return UInt64(low) | UInt64(high) << UInt64(8 * (count - 4))
    }
    if count >= 2 {
      let low = UInt16(littleEndian: raw.loadUnaligned(as: UInt16.self))
      let high = UInt16(
        littleEndian: raw.loadUnaligned(fromByteOffset: count - 2, as: UInt16.self))
      return UInt64(low) | UInt64(high) << UInt64(8 * (count - 2))
    }
    return count == 1 ? UInt64(base[0]) : 0
  }
}
