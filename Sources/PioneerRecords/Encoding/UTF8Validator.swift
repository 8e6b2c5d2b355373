/// Checks UTF-8 chunk by chunk in constant memory, carrying a sequence cut by a chunk end
/// over to the next chunk (Unicode Table 3-7: no overlongs, no surrogates, ≤ U+10FFFF).
struct UTF8Validator {
  /// The first bytes of a sequence cut off by the previous chunk's end.
  private var carry: [UInt8] = []
  /// The source offset of `carry[0]`.
  private var carryOffset = 0

  /// Validates `chunk`, whose first byte is at `offset`; returns the offset of the first
  /// sequence that is not UTF-8, or nil.
  mutating func validate(_ chunk: UnsafeBufferPointer<UInt8>, offset: Int) -> Int? {
    var start = 0
    if !carry.isEmpty {
      let taken = min(4 - carry.count, chunk.count)
      let joined = carry + chunk[0..<taken]
      switch joined.withUnsafeBufferPointer({ UTF8Validator.sequence($0, at: 0) }) {
      case .invalid:
        return carryOffset
      case .truncated:
        carry = joined
        return nil
      case .complete(let length):
        start = length - carry.count
        carry.removeAll(keepingCapacity: true)
      }
    }
    switch UTF8Validator.scan(chunk, from: start) {
    case .valid:
      return nil
    case .invalid(let index):
      return offset + index
    case .truncated(let index):
      carry.removeAll(keepingCapacity: true)
      carry.append(contentsOf: chunk[index...])
      carryOffset = offset + index
      return nil
    }
  }

  /// At the end of the input: the offset of a sequence left incomplete, or nil.
  func finish() -> Int? {
    carry.isEmpty ? nil : carryOffset
  }

  enum Scan: Equatable {
    case valid
    /// The bytes from this index on are the start of a sequence the buffer cuts off.
    case truncated(Int)
    case invalid(Int)
  }

  enum Sequence: Equatable {
    case complete(length: Int)
    case truncated
    case invalid
  }

  /// Scans `bytes[start...]`: first with the automaton, which only says whether all is
  /// valid and complete; when it is not, again byte by byte to say where.
  static func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Scan {
    // A chunk usually ends inside a character: the automaton decides everything before the
    // last character's lead byte, and only those last few bytes are scanned one by one.
    var cut = bytes.count
    var back = 1
    while back <= 4, cut - back >= start {
      let byte = bytes[cut - back]
      if byte & 0xC0 != 0x80 {
        if byte >= 0xC0 { cut -= back }
        break
      }
      back += 1
    }
    guard isValidAndComplete(UnsafeBufferPointer(rebasing: bytes[..<cut]), from: start) else {
      return locate(bytes, from: start)
    }
    return cut == bytes.count ? .valid : locate(bytes, from: cut)
  }

  /// Whether `bytes[start...]` is valid UTF-8 ending on a character boundary.
  ///
  /// Between characters, runs of sixteen-byte blocks that `UTF8BlockCheck` finds certainly
  /// valid (ASCII, and two- and three-byte characters with common leads: nearly every byte
  /// of a Japanese file) are skipped a block at a time; after a block it is not sure of,
  /// until past that block, runs of ASCII and of plain three-byte characters are skipped
  /// character by character (`skipCommonCharacters`); every other byte takes one table
  /// look-up, with no branch on the byte. A shift-based automaton: `transitions[byte]`
  /// packs, for each of the nine states, the next state's bit offset into six bits at the
  /// current state's offset.
  static func isValidAndComplete(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let count = bytes.count
    return transitions.withUnsafeBufferPointer { table in
      var state: UInt64 = 0
      var index = start
      // A block is checked against the two bytes before it, so blocks are tried once two
      // bytes from `start` are checked (the bytes before `start` may not be readable), and
      // after a block that was not certain, only from its end on: the bytes in between go
      // character by character, and no block is tried twice.
      var blocksFrom = start + 2
      while index < count {
        if state == 0 {
          if index >= blocksFrom {
            // Two checked bytes before `index`, which is on a character boundary (state 0).
            let stop = UTF8BlockCheck.certainBlocks(base, from: index, to: count)
            blocksFrom = stop + 16
            index = characterStart(base, endingBlocksAt: stop, from: index)
          }
          index = skipCommonCharacters(base, from: index, count: min(count, blocksFrom))
          guard index < count else { break }
          if index >= blocksFrom { continue }
        }
        state = (table[Int(base[index])] &>> state) & 63
        index += 1
      }
      return state == 0
    }
  }

  /// The start of the character that certainly valid blocks from `start` to `stop` leave
  /// open, or `stop` when they end on a character boundary. Their leads are two-byte ones
  /// or three-byte ones (C0 and up, E0 and up): a character is open when one of the last
  /// two bytes leads it and its bytes go past `stop`.
  @inline(__always)
  private static func characterStart(
    _ base: UnsafePointer<UInt8>, endingBlocksAt stop: Int, from start: Int
  ) -> Int {
    // Nothing to go back over without a block: `start` is on a boundary.
    guard stop > start else { return stop }
    if base[stop - 1] >= 0xC0 { return stop - 1 }
    if base[stop - 2] >= 0xE0 { return stop - 2 }
    return stop
  }

  /// The index of the first byte from `start` on that is neither ASCII nor the lead of a
  /// well-formed three-byte character led by E1–EC, EE or EF (or `count`); `start` must be
  /// on a character boundary.
  ///
  /// Japanese text is mostly such characters, whose only constraint beyond the bit
  /// patterns is on E0 (overlongs) and ED (surrogates), so a pattern test decides them
  /// three bytes at a time where the automaton spends one look-up per byte. ASCII goes
  /// eight bytes at a time; the first non-ASCII byte of a word is located exactly.
  @inline(__always)
  static func skipCommonCharacters(
    _ base: UnsafePointer<UInt8>, from start: Int, count: Int
  ) -> Int {
    var index = start
    while index < count {
      let lead = base[index]
      if lead < 0x80 {
        guard index + 8 <= count else {
          index += 1
          continue
        }
        let word = UInt64(
          littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
        let high = word & 0x8080_8080_8080_8080
        // The first byte is ASCII, so a word that is not all ASCII still moves ≥ 1 byte.
        index += high == 0 ? 8 : high.trailingZeroBitCount &>> 3
        continue
      }
      guard lead &- 0xE1 < 0x0F, lead != 0xED, index + 3 <= count,
        // Both continuation bytes at once; the mask is the same in either byte order.
        UnsafeRawPointer(base + index + 1).loadUnaligned(as: UInt16.self) & 0xC0C0 == 0x8080
      else { return index }
      index += 3
    }
    return index
  }

  /// The automaton's table (see `isValidAndComplete`), built from Unicode Table 3-7. States,
  /// by what they still expect: 0 nothing (the start, and the only accepting state); 1 one
  /// continuation byte; 2 two; 3 A0–BF then one (after E0); 4 80–9F then one (after ED);
  /// 5 90–BF then two (after F0); 6 80–BF then two (after F1–F3); 7 80–8F then two (after
  /// F4); 8 the error state, which never leaves.
  static let transitions: [UInt64] = (0..<256).map { value in
    let byte = UInt8(value)
    func next(_ state: Int) -> Int {
      let continuation = (0x80...0xBF).contains(byte)
      switch state {
      case 0:
        switch byte {
        case 0x00...0x7F: return 0
        case 0xC2...0xDF: return 1
        case 0xE0: return 3
        case 0xED: return 4
        case 0xE1...0xEF: return 2
        case 0xF0: return 5
        case 0xF4: return 7
        case 0xF1...0xF3: return 6
        default: return 8
        }
      case 1: return continuation ? 0 : 8
      case 2: return continuation ? 1 : 8
      case 3: return (0xA0...0xBF).contains(byte) ? 1 : 8
      case 4: return (0x80...0x9F).contains(byte) ? 1 : 8
      case 5: return (0x90...0xBF).contains(byte) ? 2 : 8
      case 6: return continuation ? 2 : 8
      case 7: return (0x80...0x8F).contains(byte) ? 2 : 8
      default: return 8
      }
    }
    return (0..<9).reduce(UInt64(0)) { row, state in
      row | UInt64(next(state) * 6) << UInt64(state * 6)
    }
  }

  /// Scans `bytes[start...]` sequence by sequence, eight ASCII bytes at a time where it
  /// can, to find where it stops being valid or complete.
  static func locate(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Scan {
    guard let base = bytes.baseAddress else { return .valid }
    let count = bytes.count
    var index = start
    while index < count {
      if base[index] < 0x80 {
        while index + 8 <= count,
          UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
            == 0
        {
          index += 8
        }
        while index < count, base[index] < 0x80 { index += 1 }
        continue
      }
      // Two- and three-byte characters (all of Japanese) checked inline; the rest, and any
      // doubt, go to the table-driven check.
      let lead = base[index]
      if lead >= 0xC2, lead <= 0xDF, index + 1 < count, base[index + 1] & 0xC0 == 0x80 {
        index += 2
        continue
      }
      if lead >= 0xE1, lead <= 0xEC, index + 2 < count, base[index + 1] & 0xC0 == 0x80,
        base[index + 2] & 0xC0 == 0x80
      {
        index += 3
        continue
      }
      switch sequence(bytes, at: index) {
      case .complete(let length): index += length
      case .truncated: return .truncated(index)
      case .invalid: return .invalid(index)
      }
    }
    return .valid
  }

  /// The multi-byte sequence whose lead byte is `bytes[index]`.
  static func sequence(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Sequence {
    let lead = bytes[index]
    let length: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0x00...0x7F: return .complete(length: 1)
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      low = 0xA0
    case 0xED:
      length = 3
      high = 0x9F
    case 0xE1...0xEF: length = 3
    case 0xF0:
      length = 4
      low = 0x90
    case 0xF4:
      length = 4
      high = 0x8F
    case 0xF1...0xF3: length = 4
    default: return .invalid
    }
    for position in 1..<length {
      guard index + position < bytes.count else { return .truncated }
      let byte = bytes[index + position]
      let range: ClosedRange<UInt8> = position == 1 ? low...high : 0x80...0xBF
      guard range.contains(byte) else { return .invalid }
    }
    return .complete(length: length)
  }
}
