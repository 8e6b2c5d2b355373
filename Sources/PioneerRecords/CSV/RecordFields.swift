/// The fields of one record as the row typing reads them, wherever the record's bytes lie:
/// in a `CSVReader`'s buffer (`CSVRecord`) or copied into a `RawRecordBatch`.
///
/// A view, not an owner: valid only while the record it was taken from is neither refilled
/// nor freed, which its makers guarantee by handing it out only inside a call.
struct RecordFields {
  /// The physical line on which the record starts.
  let line: Int
  /// The number of fields.
  let count: Int
  /// The bytes the bounds index into.
  private let base: UnsafePointer<UInt8>
  /// Field `i` is `base[bounds[2i]..<bounds[2i + 1]]`: `2 * count` entries.
  private let bounds: UnsafePointer<Int>

  /// `bounds` holds `2 * count` entries, each pair a range of the bytes at `base`.
  init(line: Int, count: Int, base: UnsafePointer<UInt8>, bounds: UnsafePointer<Int>) {
    self.line = line
    self.count = count
    self.base = base
    self.bounds = bounds
  }

  /// The bytes of field `index` (0-based), quotes removed, untrimmed.
  @inline(__always)
  func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
    precondition(index >= 0 && index < count, "field index out of range")
    // In range: the makers fill 2 * count bounds, each pair a range of their buffer.
    let start = bounds[2 * index]
    return UnsafeBufferPointer(start: base + start, count: bounds[2 * index + 1] - start)
  }

  /// The bytes of field `index` as `bytes(_:)` gives them, or nil when the record has no
  /// such field (fewer fields than its header): for the row typing, which asks this of
  /// every cell, one comparison where a count check and `bytes(_:)`'s own would make four.
  @inline(__always)
  func bytesIfPresent(_ index: Int) -> UnsafeBufferPointer<UInt8>? {
    // As unsigned, a negative index is out of range too.
    guard UInt(bitPattern: index) < UInt(bitPattern: count) else { return nil }
    // `2 * count` bounds exist, so `2 * index + 1` indexes one and cannot overflow, and each
    // pair is a range (start ≤ end) of the record's bytes.
    let start = bounds[2 &* index]
    return UnsafeBufferPointer(start: base + start, count: bounds[2 &* index &+ 1] &- start)
  }

  /// Whether every field is empty once trimmed (`isBlank(from: 0)`), answered at once for
  /// the usual record, whose first field starts with a byte no trimming removes.
  @inline(__always)
  var isBlank: Bool {
    if let first = bytesIfPresent(0)?.first, first != 0x20, first != 0x09, first != 0xE3 {
      return false
    }
    return isBlank(from: 0)
  }

  /// Whether fields `start...` are all empty once trimmed (a blank record from 0).
  func isBlank(from start: Int) -> Bool {
    for column in start..<max(start, count) where !CellText.trim(bytes(column)).isEmpty {
      return false
    }
    return true
  }
}
