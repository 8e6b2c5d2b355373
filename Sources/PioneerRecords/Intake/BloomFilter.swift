/// A set that may answer "present" for an element never added, but never "absent" for one
/// that was: a few bits per element instead of the element itself.
///
/// Blocked: all of an element's bits lie in one 64-byte block (one cache line), one bit in
/// each of the block's eight 64-bit words, so an insertion costs one memory access where a
/// classic filter's seven probes cost seven cache misses in a filter of megabytes. The
/// price is a slightly higher false-positive rate at the same size: with about 13 bits per
/// element, fewer than 1 in 100 absent elements read as present (measured in
/// `RepeatedIDScanTests`); each such element only costs the candidate list a few bytes.
final class BloomFilter {
  /// `blockCount` blocks of `wordsPerBlock` words, aligned to the block size.
  private let words: UnsafeMutablePointer<UInt64>
  private let blockMask: UInt64
  private static let wordsPerBlock = 8
  private static let blockBytes = wordsPerBlock * 8

  /// A filter of at least `bits` bits (a power of two, at least one 512-bit block).
  init(bits: Int) {
    var size = 512
    while size < bits, size < 1 << 40 { size <<= 1 }
    let blockCount = size / 512
    let raw = UnsafeMutableRawPointer.allocate(
      byteCount: blockCount * BloomFilter.blockBytes, alignment: BloomFilter.blockBytes)
    words = raw.initializeMemory(
      as: UInt64.self, repeating: 0, count: blockCount * BloomFilter.wordsPerBlock)
    blockMask = UInt64(blockCount - 1)
  }

  deinit {
    words.deallocate()
  }

  /// The first word of the block of the element with this hash: loading it brings the
  /// block into the cache ahead of `insert`.
  @inline(__always)
  func firstWord(hash: UInt64) -> UInt64 {
    words[block(hash: hash)]
  }

  /// The index of the first word of the block of the element with this hash, from the
  /// hash's upper half; ≤ blockMask · 8, so the block's eight words are in bounds.
  @inline(__always)
  private func block(hash: UInt64) -> Int {
    Int(truncatingIfNeeded: (hash &>> 32) & blockMask) &* BloomFilter.wordsPerBlock
  }

  /// Adds the element with this hash; returns whether all its bits were already set, that
  /// is, whether it may have been added before.
  @inline(__always)
  func insert(hash: UInt64) -> Bool {
    // The eight bit positions (6 bits each) from a remix of the whole hash, so that they do
    // not repeat the block number's bits.
    var positions = (hash ^ (hash &>> 29)) &* 0xBF58_476D_1CE4_E5B9
    positions ^= positions &>> 32
    let line = words + block(hash: hash)
    // The set bits counted rather than the new ones collected: a count compiles to `bt` and
    // `adc`, with the bit number in any register, where `flag & ~old` needed the shift
    // count in CL, a copy and a `not` (x86-64 without BMI): ~7 instructions a word, not 11.
    var present = 0
    for word in 0..<BloomFilter.wordsPerBlock {
      let bit = positions & 63
      positions &>>= 6
      let old = line[word]
      present &+= Int(truncatingIfNeeded: old &>> bit & 1)
      line[word] = old | 1 &<< bit
    }
    return present == BloomFilter.wordsPerBlock
  }
}
