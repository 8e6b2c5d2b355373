/// A check that bytes are UTF-8, 16 at a time in vector registers, for the id scan's fast
/// path: it says "certainly valid" or "not sure", never where or why.
///
/// Every byte is checked at once against the two before it: a byte must be a continuation
/// byte (80–BF) exactly when the byte before it leads a sequence (C0 and up) or the one
/// before that leads a three-byte one (E0 and up). That is the whole of UTF-8's structure
/// for leads C2–DF, E1–EC and EE–EF, which have no other constraint (Unicode Table 3-7).
/// Every other lead — C0, C1, E0 and ED (whose second byte is constrained), F0 and up
/// (four-byte sequences, and bytes that never occur) — is only noted as rare, and the
/// caller leaves such a file to the exact, byte-by-byte `UTF8Validator`. Japanese text
/// (kana and kanji lead with E3–E9) and ASCII never take that way.
///
/// The check keeps no position: blocks are checked in any number of calls, each block
/// reading the two bytes before it, which the caller keeps in memory.
struct UTF8BlockCheck {
  typealias Block = SIMD16<UInt8>
  typealias Flags = SIMDMask<SIMD16<Int8>>

  /// Bytes that are, or are not, continuation bytes where they should not be or should,
  /// and the rare leads C0, C1, E0 and ED.
  private var flagged = Flags(repeating: false)
  /// The highest byte in each lane: the rare leads F0 and up are found from it at the end,
  /// with one instruction a block instead of a comparison and an or.
  private var highest = Block(repeating: 0)

  /// Whether every block checked so far is valid UTF-8 made of ASCII and two- and
  /// three-byte characters with common leads.
  var isCertainlyValid: Bool {
    !any(flagged) && all(highest .< Block(repeating: 0xF0))
  }

  /// Checks the blocks `base[start..<start + 16]`, `base[start + 16..<start + 32]`, … that
  /// end at or before `end`, and returns where the first block not checked starts.
  ///
  /// `base[start - 2..<end]` must be readable: the caller keeps two bytes of headroom (zero
  /// at the start of the input, where they stand for "no sequence open").
  mutating func check(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
    let raw = UnsafeRawPointer(base)
    var flagged = self.flagged
    var highest = self.highest
    var offset = start
    // `end` is an index of the caller's buffer, so `end &- 16` cannot overflow.
    let lastBlock = end &- 16
    while offset <= lastBlock {
      let block = UTF8BlockCheck.flags(raw, at: offset)
      flagged .|= block.flagged
      // F0 and up from the running maximum, checked once at the end: one instruction a
      // block instead of a comparison and an or, on every byte of a large file.
      highest.replace(with: block.bytes, where: highest .< block.bytes)
      offset &+= 16
    }
    self.flagged = flagged
    self.highest = highest
    return offset
  }

  /// Where the run of certainly valid blocks `base[start..<start + 16]`, … (as `check`
  /// decides them) ends: the offset of the first block that is not certain, or the first
  /// that would pass `end`. Stops at that block, where `check` goes on and only remembers.
  ///
  /// `base[start - 2..<end]` must be readable, and the two bytes before `start` must be
  /// UTF-8 that leaves no sequence open at `start` (or zero).
  @inline(__always)
  static func certainBlocks(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
    let raw = UnsafeRawPointer(base)
    let fourByteLead = Block(repeating: 0xF0)
    var offset = start
    // As in `check`.
    while offset &+ 16 <= end {
      let block = UTF8BlockCheck.flags(raw, at: offset)
      let uncertain = block.flagged .| (block.bytes .>= fourByteLead)
      // The mask's lanes are 0 or FF bytes, so the block is certain when both halves are 0.
      let halves = unsafeBitCast(uncertain, to: SIMD2<UInt64>.self)
      guard halves[0] | halves[1] == 0 else { break }
      offset &+= 16
    }
    return offset
  }

  /// The block at `raw + offset`, checked against the two bytes before it: bytes that are,
  /// or are not, continuation bytes where they should not be or should, and the rare leads
  /// C0, C1, E0 and ED, in one mask; and the block's bytes, whose leads F0 and up (rare too)
  /// the caller looks for as it needs. `raw[offset - 2..<offset + 16]` must be readable.
  @inline(__always)
  private static func flags(_ raw: UnsafeRawPointer, at offset: Int) -> (
    flagged: Flags, bytes: Block
  ) {
    // Constants are vectors, not scalars: comparisons with a scalar operand are not
    // lowered to vector instructions.
    let continuationMask = Block(repeating: 0xC0)
    let continuationBits = Block(repeating: 0x80)
    let twoByteLead = Block(repeating: 0xC0)
    let threeByteLead = Block(repeating: 0xE0)
    let surrogateLead = Block(repeating: 0xED)
    let lowBitCleared = Block(repeating: 0xFE)
    let bytes = raw.loadUnaligned(fromByteOffset: offset, as: Block.self)
    let previous = raw.loadUnaligned(fromByteOffset: offset &- 1, as: Block.self)
    let beforePrevious = raw.loadUnaligned(fromByteOffset: offset &- 2, as: Block.self)
    let isContinuation = (bytes & continuationMask) .== continuationBits
    let mustContinue = (previous .>= twoByteLead) .| (beforePrevious .>= threeByteLead)
    let flagged =
      (isContinuation .^ mustContinue) .| ((bytes & lowBitCleared) .== twoByteLead)
      .| (bytes .== threeByteLead) .| (bytes .== surrogateLead)
    return (flagged, bytes)
  }
}
