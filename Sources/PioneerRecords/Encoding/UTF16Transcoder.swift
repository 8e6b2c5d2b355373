/// Turns UTF-16 (either byte order) into UTF-8 chunk by chunk, carrying an odd byte and a
/// high surrogate across chunk ends.
struct UTF16Transcoder {
  let bigEndian: Bool
  private var oddByte: UInt8?
  /// A high surrogate waiting for its low half, and the offset of its first byte.
  private var pendingHigh: (unit: UInt16, offset: Int)?

  init(bigEndian: Bool) {
    self.bigEndian = bigEndian
  }

  /// Appends the UTF-8 of `chunk` (whose first byte is at `offset`) to `output`.
  mutating func transcode(
    _ chunk: UnsafeBufferPointer<UInt8>, offset: Int, into output: ByteBuffer
  ) throws(FileProblem) {
    var index = 0
    if let first = oddByte, !chunk.isEmpty {
      oddByte = nil
      try take(unit(first, chunk[0]), at: offset - 1, into: output)
      index = 1
    }
    while index + 1 < chunk.count {
      try take(unit(chunk[index], chunk[index + 1]), at: offset + index, into: output)
      index += 2
    }
    if index < chunk.count { oddByte = chunk[index] }
  }

  /// Checks that the input did not end inside a character; `offset` is the input's length.
  func finish(offset: Int) throws(FileProblem) {
    if oddByte != nil { throw .truncatedUTF16(offset: offset - 1) }
    if let pendingHigh { throw .unpairedSurrogate(offset: pendingHigh.offset) }
  }

  @inline(__always)
  private func unit(_ first: UInt8, _ second: UInt8) -> UInt16 {
    bigEndian ? UInt16(first) << 8 | UInt16(second) : UInt16(second) << 8 | UInt16(first)
  }

  private mutating func take(
    _ unit: UInt16, at offset: Int, into output: ByteBuffer
  ) throws(FileProblem) {
    if let high = pendingHigh {
      guard (0xDC00...0xDFFF).contains(unit) else {
        throw .unpairedSurrogate(offset: high.offset)
      }
      pendingHigh = nil
      output.appendUTF8(
        0x10000 + ((UInt32(high.unit) - 0xD800) << 10) + (UInt32(unit) - 0xDC00))
      return
    }
    switch unit {
    case 0xD800...0xDBFF: pendingHigh = (unit, offset)
    case 0xDC00...0xDFFF: throw .unpairedSurrogate(offset: offset)
    default: output.appendUTF8(UInt32(unit))
    }
  }
}
