/// The ids seen so far and the line of the first row with each, for finding duplicates
/// (spec §7) at a million rows without a String and a hash table entry allocation per id.
///
/// Ids are stored back to back in one byte buffer; an open-addressing table (linear
/// probing, at most 3/4 full) holds each id's 64-bit hash, place and first line.
final class IDIndex {
  /// 24 bytes, so that a million ids take 48 MB of table.
  private struct Entry {
    /// The id's hash, which also picks its first slot; 0 marks an empty slot.
    var hash: UInt32 = 0
    var length: UInt32 = 0
    var offset = 0
    var line = 0
  }

  private let arena = ByteBuffer(capacity: 64 * 1024)
  // Unchecked for exclusivity like `ByteBuffer`: one reader owns the index.
  @exclusivity(unchecked) private var table: UnsafeMutableBufferPointer<Entry>
  @exclusivity(unchecked) private var count = 0

  init() {
    table = .allocate(capacity: 1024)
    table.initialize(repeating: Entry())
  }

  deinit {
    table.deallocate()
  }

  /// The line of the first row with `id`; when there is none yet, records `line` as that
  /// first row and returns nil.
  func firstLine(of id: UnsafeBufferPointer<UInt8>, orInsertAt line: Int) -> Int? {
    // Records are capped far below 4 GB, so every id's length fits.
    guard let length = UInt32(exactly: id.count) else { return nil }
    let hash = IDIndex.hash(id)
    let mask = table.count - 1
    var slot = Int(hash) & mask
    while table[slot].hash != 0 {
      let entry = table[slot]
      if entry.hash == hash, Int(entry.length) == id.count,
        id.elementsEqual(
          UnsafeBufferPointer(start: arena.base + entry.offset, count: Int(entry.length)))
      {
        return entry.line
      }
      slot = (slot + 1) & mask
    }
    table[slot] = Entry(hash: hash, length: length, offset: arena.count, line: line)
    arena.append(id)
    count += 1
    if count * 4 > table.count * 3 { grow() }
    return nil
  }

  private func grow() {
    let old = table
    table = .allocate(capacity: old.count * 2)
    table.initialize(repeating: Entry())
    let mask = table.count - 1
    for entry in old where entry.hash != 0 {
      var slot = Int(entry.hash) & mask
      while table[slot].hash != 0 { slot = (slot + 1) & mask }
      table[slot] = entry
    }
    old.deallocate()
  }

  /// A hash of the bytes, eight at a time (multiply-xorshift, then the MurmurHash3
  /// finaliser), folded to 32 bits; never 0.
  private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    guard let base = bytes.baseAddress else { return 1 }
    var index = 0
    while index + 8 <= bytes.count {
      let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
      hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
      hash ^= hash >> 32
      index += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while index < bytes.count {
      tail |= UInt64(base[index]) << shift
      shift += 8
      index += 1
    }
    hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
    hash ^= hash >> 33
    hash = hash &* 0xFF51_AFD7_ED55_8CCD
    hash ^= hash >> 33
    return max(1, UInt32(truncatingIfNeeded: hash ^ (hash >> 32)))
  }
}
