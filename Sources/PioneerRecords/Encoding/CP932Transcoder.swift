import Foundation

/// Turns CP932 (Windows Shift_JIS) into UTF-8 chunk by chunk.
///
/// Foundation's `.shiftJIS` decoder on Linux is CP932, NEC and IBM extensions included
/// (① 0x8740, ㈱ 0x878A, 髙 0xFBFC). Each chunk is cut after its last whole character —
/// lead bytes 0x81–0x9F and 0xE0–0xFC take a second byte — and a lead byte cut off by the
/// chunk's end is carried to the next chunk. Runs of ASCII are copied without Foundation.
struct CP932Transcoder {
  private var carriedLead: UInt8?
  private var pending: [UInt8] = []

  /// Appends the UTF-8 of `chunk` (whose first byte is at `offset`) to `output`.
  mutating func transcode(
    _ chunk: UnsafeBufferPointer<UInt8>, offset: Int, into output: ByteBuffer
  ) throws(FileProblem) {
    guard !chunk.isEmpty else { return }
    pending.removeAll(keepingCapacity: true)
    var start = offset
    if let lead = carriedLead {
      pending.append(lead)
      start -= 1
      carriedLead = nil
    }
    pending.append(contentsOf: chunk)
    // Find the end of the last whole character, walking from a known boundary.
    var index = 0
    var end = pending.count
    while index < pending.count {
      if CP932Transcoder.isLead(pending[index]) {
        if index + 1 == pending.count {
          carriedLead = pending[index]
          end = index
          break
        }
        index += 2
      } else {
        index += 1
      }
    }
    try CP932Transcoder.decode(pending[0..<end], offset: start, into: output)
  }

  /// Checks that the input did not end inside a character; `offset` is the input's length.
  func finish(offset: Int) throws(FileProblem) {
    if carriedLead != nil { throw .invalidCP932(offset: offset - 1) }
  }

  static func isLead(_ byte: UInt8) -> Bool {
    (0x81...0x9F).contains(byte) || (0xE0...0xFC).contains(byte)
  }

  /// Decodes whole characters; on failure finds the first character that does not decode.
  private static func decode(
    _ bytes: ArraySlice<UInt8>, offset: Int, into output: ByteBuffer
  ) throws(FileProblem) {
    if bytes.allSatisfy({ $0 < 0x80 }) {
      bytes.withUnsafeBufferPointer { output.append($0) }
      return
    }
    guard var text = String(data: Data(bytes), encoding: .shiftJIS) else {
      throw .invalidCP932(offset: offset + firstUndecodable(bytes))
    }
    text.withUTF8 { output.append($0) }
  }

  /// The index (from the slice's start) of the first character that is not CP932.
  private static func firstUndecodable(_ bytes: ArraySlice<UInt8>) -> Int {
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let byte = bytes[index]
      let width = isLead(byte) ? 2 : 1
      let character = bytes[index..<min(index + width, bytes.endIndex)]
      if byte >= 0x80, String(data: Data(character), encoding: .shiftJIS) == nil {
        return index - bytes.startIndex
      }
      index += width
    }
    return bytes.count
  }
}
