import Foundation

/// Turns CP932 (Windows Shift_JIS) into UTF-8 chunk by chunk, carrying a lead byte cut off
/// by a chunk's end over to the next chunk.
///
/// The mapping is Foundation's: its `.shiftJIS` decoder on Linux is CP932, NEC and IBM
/// extensions included (① 0x8740, ㈱ 0x878A, 髙 0xFBFC and 0xEEE0). Decoding every chunk
/// through Foundation ran at about 40 MB/s, so the mapping is asked of Foundation once per
/// process, row by row of lead bytes, into a table; transcoding is then table lookups.
struct CP932Transcoder {
  private var carriedLead: UInt8?

  /// Appends the UTF-8 of `chunk` (whose first byte is at `offset`) to `output`.
  mutating func transcode(
    _ chunk: UnsafeBufferPointer<UInt8>, offset: Int, into output: ByteBuffer
  ) throws(FileProblem) {
    let table = CP932Table.shared
    var index = 0
    if let lead = carriedLead, !chunk.isEmpty {
      carriedLead = nil
      try CP932Transcoder.append(table.pair(lead, chunk[0]), at: offset - 1, into: output)
      index = 1
    }
    while index < chunk.count {
      let byte = chunk[index]
      if byte < 0x80 {
        output.append(byte)
        index += 1
      } else if CP932Table.isLead(byte) {
        guard index + 1 < chunk.count else {
          carriedLead = byte
          return
        }
        try CP932Transcoder.append(
          table.pair(byte, chunk[index + 1]), at: offset + index, into: output)
        index += 2
      } else {
        try CP932Transcoder.append(table.single(byte), at: offset + index, into: output)
        index += 1
      }
    }
  }

  /// Checks that the input did not end inside a character; `offset` is the input's length.
  func finish(offset: Int) throws(FileProblem) {
    if carriedLead != nil { throw .invalidCP932(offset: offset - 1) }
  }

  /// Appends the UTF-8 of `scalar`; 0 means the bytes at `offset` are no character.
  @inline(__always)
  private static func append(
    _ scalar: UInt32, at offset: Int, into output: ByteBuffer
  ) throws(FileProblem) {
    guard scalar != 0 else { throw .invalidCP932(offset: offset) }
    output.appendUTF8(scalar)
  }
}

/// Foundation's CP932 mapping as a table: the scalar of every single byte at or above 0x80
/// and of every lead/trail pair, 0 where Foundation decodes nothing.
final class CP932Table: Sendable {
  /// Built on first use, about 7 ms.
  static let shared = CP932Table()

  private let singles: [UInt32]
  /// Indexed by `lead << 8 | trail`.
  private let pairs: [UInt32]

  static func isLead(_ byte: UInt8) -> Bool {
    (0x81...0x9F).contains(byte) || (0xE0...0xFC).contains(byte)
  }

  private init() {
    singles = (0...255).map { byte in
      byte < 0x80 || CP932Table.isLead(UInt8(byte)) ? 0 : CP932Table.decodeOne([UInt8(byte)])
    }
    var pairs = [UInt32](repeating: 0, count: 65536)
    let trails = Array(UInt8(0x40)...0x7E) + Array(UInt8(0x80)...0xFC)
    for lead in (0...255).map(UInt8.init) where CP932Table.isLead(lead) {
      // One Foundation call per lead byte; a row with an unassigned code fails as a whole
      // and is then asked pair by pair.
      let row = trails.flatMap { [lead, $0] }
      if let text = String(data: Data(row), encoding: .shiftJIS),
        text.unicodeScalars.count == trails.count
      {
        for (trail, scalar) in zip(trails, text.unicodeScalars) {
          pairs[Int(lead) << 8 | Int(trail)] = scalar.value
        }
      } else {
        for trail in trails {
          pairs[Int(lead) << 8 | Int(trail)] = CP932Table.decodeOne([lead, trail])
        }
      }
    }
    self.pairs = pairs
  }

  @inline(__always)
  func single(_ byte: UInt8) -> UInt32 { singles[Int(byte)] }

  @inline(__always)
  func pair(_ lead: UInt8, _ trail: UInt8) -> UInt32 { pairs[Int(lead) << 8 | Int(trail)] }

  /// The one scalar Foundation decodes `bytes` to, or 0.
  private static func decodeOne(_ bytes: [UInt8]) -> UInt32 {
    guard let text = String(data: Data(bytes), encoding: .shiftJIS),
      text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first
    else { return 0 }
    return scalar.value
  }
}
