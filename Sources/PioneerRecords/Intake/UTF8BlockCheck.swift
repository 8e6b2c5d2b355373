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

  /// Bytes that are, or are not, continuation bytes where they should not be or should.
  private var broken = Flags(repeating: false)
  /// Leads the block check does not decide.
  private var rare = Flags(repeating: false)

  /// Whether every block checked so far is valid UTF-8 made of ASCII and two- and
  /// three-byte characters with common leads.
  var isCertainlyValid: Bool { !any(broken .| rare) }

  /// Checks the blocks `base[start..<start + 16]`, `base[start + 16..<start + 32]`, … that
  /// end at or before `end`, and returns where the first block not checked starts.
  ///
  /// `base[start - 2..<end]` must be readable: the caller keeps two bytes of headroom (zero
  /// at the start of the input, where they stand for "no sequence open").
  mutating func check(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
    // Constants are vectors, not scalars: comparisons with a scalar operand are not
    // lowered to vector instructions.
    let continuationMask = Block(repeating: 0xC0)
    let continuationBits = Block(repeating: 0x80)
    let twoByteLead = Block(repeating: 0xC0)
    let threeByteLead = Block(repeating: 0xE0)
    let fourByteLead = Block(repeating: 0xF0)
    let surrogateLead = Block(repeating: 0xED)
    let lowBitCleared = Block(repeating: 0xFE)
    let raw = UnsafeRawPointer(base)
    var broken = self.broken
    var rare = self.rare
    var offset = start
    // `offset` ≤ `end`, an index of the caller's buffer, so `offset &+ 16` cannot overflow.
    while offset &+ 16 <= end {
      let bytes = raw.loadUnaligned(fromByteOffset: offset, as: Block.self)
      let previous = raw.loadUnaligned(fromByteOffset: offset &- 1, as: Block.self)
      let beforePrevious = raw.loadUnaligned(fromByteOffset: offset &- 2, as: Block.self)
      let isContinuation = (bytes & continuationMask) .== continuationBits
      let mustContinue = (previous .>= twoByteLead) .| (beforePrevious .>= threeByteLead)
      broken .|= isContinuation .^ mustContinue
      rare .|= ((bytes & lowBitCleared) .== twoByteLead) .| (bytes .== threeByteLead)
        .| (bytes .== surrogateLead) .| (bytes .>= fourByteLead)
      offset &+= 16
    }
    self.broken = broken
    self.rare = rare
    return offset
  }
}
