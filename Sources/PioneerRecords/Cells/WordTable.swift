import PioneerRules

/// The spellings of a word-valued column (booleans, enumeration members, the "none" of a
/// date-or-none column) with the value each denotes, matched against cell bytes directly.
///
/// Spellings are stored NFKC-normalised with ASCII letters lower-cased; a cell matches when
/// its bytes are equal after lower-casing ASCII letters. The first spelling wins, in the
/// order given. A cell that matches as written needs no NFKC: the spellings are normalised,
/// so such a cell is too. The spellings sit in one block of memory the table owns, so a
/// lookup touches no reference counts.
final class WordTable {
  /// All spellings, back to back.
  private let bytes: UnsafeMutableBufferPointer<UInt8>
  /// Spelling `i` is `bytes[starts[i]..<starts[i + 1]]`.
  private let starts: UnsafeMutableBufferPointer<Int>
  private let values: [Value]

  init(_ entries: [(spelling: String, value: Value)]) {
    var flat: [UInt8] = []
    var starts: [Int] = [0]
    var values: [Value] = []
    // Shortest first, so a lookup stops at the first longer spelling; the sort is stable,
    // so among equal spellings the first given still wins.
    let words = entries.enumerated().compactMap { index, entry -> (Int, [UInt8], Value)? in
      let normalized = CellText.normalize(entry.spelling)
      return normalized.isEmpty
        ? nil : (index, normalized.utf8.map(WordTable.lower), entry.value)
    }.sorted { ($0.1.count, $0.0) < ($1.1.count, $1.0) }
    for (_, word, value) in words {
      flat += word
      starts.append(flat.count)
      values.append(value)
    }
    self.bytes = .allocate(capacity: max(1, flat.count))
    _ = self.bytes.initialize(from: flat)
    self.starts = .allocate(capacity: starts.count)
    _ = self.starts.initialize(from: starts)
    self.values = values
  }

  deinit {
    bytes.deallocate()
    starts.deallocate()
  }

  /// The value `cell` spells, if any.
  func lookup(_ cell: UnsafeBufferPointer<UInt8>) -> Value? {
    let length = cell.count
    for index in 0..<values.count {
      let start = starts[index]
      let wordLength = starts[index + 1] - start
      if wordLength < length { continue }
      if wordLength > length { break }
      var offset = 0
      while offset < length, WordTable.lower(cell[offset]) == bytes[start + offset] {
        offset += 1
      }
      if offset == length { return values[index] }
    }
    return nil
  }

  @inline(__always)
  static func lower(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
  }
}
