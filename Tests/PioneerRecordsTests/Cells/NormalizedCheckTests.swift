import PioneerTestSupport
import Testing

@testable import PioneerRecords

@Suite struct NormalizedCheckTests {
  /// The check as it was first written, scalar by scalar, kept as the reference.
  private func referenceIsKnownNormalized(_ bytes: [UInt8]) -> Bool {
    var index = 0
    while index < bytes.count {
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      guard lead & 0xF0 == 0xE0, index + 2 < bytes.count else { return false }
      let scalar =
        UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
        | UInt32(bytes[index + 2] & 0x3F)
      switch scalar {
      case 0x3005, 0x3041...0x3096, 0x30A1...0x30FC, 0x4E00...0x9FFF: index += 3
      default: return false
      }
    }
    return true
  }

  @Test func theByteClassifiedCheckAgreesWithTheScalarOneOnRandomBytes() {
    var generator = SplitMix64(seed: 14)
    // Whole characters at the edges of the accepted ranges, their neighbours, ASCII runs,
    // and loose bytes (so some inputs are not UTF-8 at all).
    let pieces: [[UInt8]] = [
      Array("R0000001".utf8), Array("a".utf8), Array(" ".utf8), [0x7F],
      Array("々".utf8), Array("〆".utf8), Array("ぁ".utf8), Array("ゖ".utf8), Array("゗".utf8),
      Array("゠".utf8), Array("ァ".utf8), Array("ー".utf8), Array("ヽ".utf8), Array("・".utf8),
      Array("一".utf8), Array("鿿".utf8), Array("䷿".utf8), Array("ꀀ".utf8), Array("テ".utf8),
      Array("企".utf8), Array("業".utf8), Array("２".utf8), Array("é".utf8), Array("😀".utf8),
      [0xE3], [0xE4], [0xE9], [0xEA], [0xE0], [0x80], [0xBF], [0x41, 0xE5], [0xE4, 0xB8],
      Array("\u{3004}".utf8), Array("\u{3040}".utf8), Array("\u{3097}".utf8),
      Array("\u{30A0}".utf8), Array("\u{30FD}".utf8), Array("\u{30FF}".utf8),
    ]
    for _ in 0..<20000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int.random(in: 0...8, using: &generator) {
        if Int.random(in: 0..<8, using: &generator) == 0 {
          bytes.append(UInt8.random(in: 0...255, using: &generator))
        } else {
          bytes += pieces.randomElement(using: &generator) ?? []
        }
      }
      let fast = bytes.withUnsafeBufferPointer { CellText.isKnownNormalized($0) }
      #expect(fast == referenceIsKnownNormalized(bytes), "\(bytes)")
    }
  }
}
