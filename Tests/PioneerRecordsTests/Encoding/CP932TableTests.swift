import Foundation
import Testing

@testable import PioneerRecords

@Suite struct CP932TableTests {
  private func transcode(_ bytes: [UInt8]) -> String? {
    var transcoder = CP932Transcoder()
    let output = ByteBuffer(capacity: 16)
    do {
      try bytes.withUnsafeBufferPointer { try transcoder.transcode($0, offset: 0, into: output) }
      try transcoder.finish(offset: bytes.count)
    } catch {
      return nil
    }
    return String(decoding: output.bytes, as: UTF8.self)
  }

  @Test func everyByteAndPairDecodesExactlyAsFoundationDoes() {
    var mismatches: [String] = []
    for first in 0x80...0xFF {
      let single = [UInt8(first)]
      if !CP932Table.isLead(UInt8(first)),
        transcode(single) != String(data: Data(single), encoding: .shiftJIS)
      {
        mismatches.append(String(first, radix: 16))
      }
      guard CP932Table.isLead(UInt8(first)) else { continue }
      for second in 0x00...0xFF {
        let pair = [UInt8(first), UInt8(second)]
        if transcode(pair) != String(data: Data(pair), encoding: .shiftJIS) {
          mismatches.append(String(first << 8 | second, radix: 16))
        }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
  }

  @Test func theExtensionsDecode() {
    #expect(transcode([0x87, 0x40, 0x87, 0x8A, 0xFB, 0xFC, 0xEE, 0xE0]) == "①㈱髙髙")
  }
}
