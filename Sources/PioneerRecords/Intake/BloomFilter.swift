/// A set that may answer "present" for an element never added, but never "absent" for one
/// that was: a few bits per element instead of the element itself.
///
/// Each element sets `probes` bits chosen from its 64-bit hash by double hashing. With
/// about 13 bits per element and 7 probes, fewer than 1 in 200 absent elements read as
/// present.
final class BloomFilter {
  private let words: UnsafeMutableBufferPointer<UInt64>
  private let mask: UInt64
  private static let probes = 7

  /// A filter of at least `bits` bits (a power of two, at least 64).
  init(bits: Int) {
    var size = 64
    while size < bits, size < 1 << 40 { size <<= 1 }
    words = .allocate(capacity: size / 64)
    words.initialize(repeating: 0)
    mask = UInt64(size - 1)
  }

  deinit {
    words.deallocate()
  }

  /// Adds the element with this hash; returns whether all its bits were already set, that
  /// is, whether it may have been added before.
  func insert(hash: UInt64) -> Bool {
    // Kirsch–Mitzenmacher: probe i is h1 + i·h2, with h2 odd so the probes differ.
    let first = hash
    let step = (hash >> 32 | hash << 32) | 1
    var present = true
    for probe in 0..<UInt64(BloomFilter.probes) {
      let bit = (first &+ probe &* step) & mask
      let word = Int(truncatingIfNeeded: bit >> 6)
      let flag: UInt64 = 1 << (bit & 63)
      if words[word] & flag == 0 {
        present = false
        words[word] |= flag
      }
    }
    return present
  }
}
