/// The ids seen so far and the line of the first row with each, for finding duplicates
/// (spec §7) at a million rows without a String and a hash table entry allocation per id.
///
/// Ids are stored back to back in one byte buffer and described, in order of arrival, in
/// an append-only list. The hash table itself holds 8-byte slots (a 32-bit hash and the
/// id's number in that list), at most 3/4 full with linear probing, so that the one random
/// memory access each new id costs mostly lands in a small table.
final class IDIndex {
  private struct Slot {
    /// The id's hash, which also picks its first slot; 0 marks an empty slot.
    var hash: UInt32 = 0
    /// The id's number in `ids`.
    var number: UInt32 = 0
  }

  private struct Seen {
    var offset: Int
    var length: Int
    var line: Int
  }

  private let arena = ByteBuffer(capacity: 64 * 1024)
  // Unchecked for exclusivity like `ByteBuffer`: one reader owns the index.
  @exclusivity(unchecked) private var ids: [Seen] = []
  @exclusivity(unchecked) private var table: UnsafeMutableBufferPointer<Slot>

  init() {
    table = .allocate(capacity: 1024)
    table.initialize(repeating: Slot())
  }

  deinit {
    table.deallocate()
  }

  /// The line of the first row with `id`; when there is none yet, records `line` as that
  /// first row and returns nil.
  func firstLine(of id: UnsafeBufferPointer<UInt8>, orInsertAt line: Int) -> Int? {
    // Slots number ids in 32 bits; past four billion ids, stop indexing (never in practice).
    guard let number = UInt32(exactly: ids.count) else { return nil }
    let hash = IDIndex.hash(id)
    let slot = find(id, hash: hash)
    if table[slot].hash != 0 { return ids[Int(table[slot].number)].line }
    table[slot] = Slot(hash: hash, number: number)
    ids.append(Seen(offset: arena.count, length: id.count, line: line))
    arena.append(id)
    if ids.count * 4 > table.count * 3 { grow() }
    return nil
  }

  /// Whether `id` is indexed.
  func contains(_ id: UnsafeBufferPointer<UInt8>) -> Bool {
    table[find(id, hash: IDIndex.hash(id))].hash != 0
  }

  /// Every id indexed, in the order it was first inserted: what tests compare two ways of
  /// building an index by.
  var idsInArrivalOrder: [[UInt8]] {
    ids.map { Array(UnsafeBufferPointer(start: arena.base + $0.offset, count: $0.length)) }
  }

  /// The slot holding `id`, or the empty slot where it would go.
  private func find(_ id: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int {
    let mask = table.count - 1
    var slot = Int(hash) & mask
    while table[slot].hash != 0 {
      if table[slot].hash == hash {
        let seen = ids[Int(table[slot].number)]
        if seen.length == id.count,
          id.elementsEqual(UnsafeBufferPointer(start: arena.base + seen.offset, count: seen.length))
        {
          return slot
        }
      }
      slot = (slot + 1) & mask
    }
    return slot
  }

  private func grow() {
    let old = table
    table = .allocate(capacity: old.count * 2)
    table.initialize(repeating: Slot())
    let mask = table.count - 1
    for entry in old where entry.hash != 0 {
      var slot = Int(entry.hash) & mask
      while table[slot].hash != 0 { slot = (slot + 1) & mask }
      table[slot] = entry
    }
    old.deallocate()
  }

  /// `hash64` folded to 32 bits; never 0, which marks an empty slot.
  private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    let hash = hash64(bytes)
    return max(1, UInt32(truncatingIfNeeded: hash ^ (hash >> 32)))
  }

  /// A hash of the bytes, eight at a time (multiply-xorshift, then the MurmurHash3
  /// finaliser).
  static func hash64(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    // Wrapping arithmetic: `index` and `shift` stay below `bytes.count` and 64, so nothing
    // overflows, and the checks would cost more than the hash.
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: bytes.count)
    guard let base = bytes.baseAddress else { return hash }
    let count = bytes.count
    var index = 0
    while index &+ 8 <= count {
      let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
      hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
      hash ^= hash &>> 32
      index &+= 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while index < count {
      tail |= UInt64(base[index]) &<< shift
      shift &+= 8
      index &+= 1
    }
    hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
    hash ^= hash &>> 33
    hash = hash &* 0xFF51_AFD7_ED55_8CCD
    hash ^= hash &>> 33
    return hash
  }
}
