import PioneerTestSupport
import Testing

@testable import PioneerRecords

/// `UTF8BlockCheck` may only pass bytes that are valid UTF-8.
@Suite struct UTF8BlockCheckTests {
  private func certainlyValid(_ bytes: [UInt8]) -> Bool {
    // Two bytes of zero headroom, then the bytes, then a zero-padded last block.
    var padded = [0, 0] + bytes + [UInt8](repeating: 0, count: 16)
    return padded.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return false }
      var check = UTF8BlockCheck()
      var checked = check.check(base + 2, from: 0, to: bytes.count)
      checked = check.check(base + 2, from: checked, to: checked + 16)
      return check.isCertainlyValid
    }
  }

  private func isValid(_ bytes: [UInt8]) -> Bool {
    var validator = UTF8Validator()
    return bytes.withUnsafeBufferPointer { validator.validate($0, offset: 0) } == nil
      && validator.finish() == nil
  }

  @Test func japaneseAndASCIITextIsCertainlyValid() {
    #expect(certainlyValid(Array("応募ID,企業・団体名,ﾃｽﾄ,é,Ω\n".utf8)))
    #expect(certainlyValid(Array(String(repeating: "テスト企業1,", count: 9).utf8)))
  }

  /// Valid characters with a rare lead — F0 (four bytes), E0 and ED (constrained second
  /// byte) — are never certain, wherever they fall in a block and however the blocks are
  /// split between calls; nor are the bytes C0, C1 and F5 to FF. A lead of F0 and up with
  /// two continuation bytes is shaped like a three-byte character to the continuation test,
  /// so only the check for such leads finds it.
  @Test func rareLeadsAreNeverCertain() {
    let rare: [[UInt8]] = [
      Array("𠮷".utf8), Array("\u{0800}".utf8), Array("\u{D7FF}".utf8), [0xC0, 0x80], [0xC1, 0xBF],
      [0xF5], [0xFF], [0xF0, 0x90, 0x80], [0xF5, 0x80, 0x80],
    ]
    for character in rare {
      for before in 0..<34 {
        let bytes =
          Array(String(repeating: "a", count: before).utf8) + character + Array("テスト,R1".utf8)
        #expect(!certainlyValid(bytes), "\(character) after \(before)")
        var padded = [0, 0] + bytes + [UInt8](repeating: 0, count: 16)
        let split = padded.withUnsafeMutableBufferPointer { buffer -> Bool in
          guard let base = buffer.baseAddress else { return true }
          var check = UTF8BlockCheck()
          var checked = 0
          for end in stride(from: 16, through: bytes.count, by: 16) {
            checked = check.check(base + 2, from: checked, to: end)
          }
          checked = check.check(base + 2, from: checked, to: checked + 16)
          return check.isCertainlyValid
        }
        #expect(!split, "\(character) after \(before), one block a call")
      }
    }
    #expect(certainlyValid(Array(String(repeating: "テスト企業,R1\n", count: 5).utf8)))
  }

  /// Random damage to valid text — a byte changed, dropped or cut off — is never passed
  /// as valid when the validator rejects it.
  @Test(arguments: 1...4 as ClosedRange<UInt64>)
  func damagedTextIsNeverPassed(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let sample = Array("応募ID,企業・団体名,髙橋 é ü 𠮷 ㍻ \u{E000} ﾃｽﾄ\r\n".utf8)
    let interesting: [UInt8] = [
      0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
      0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
    ]
    for _ in 0..<3_000 {
      var bytes = sample
      for _ in 0...(random.next() % 3) {
        let at = Int(random.next() % UInt64(bytes.count))
        switch random.next() % 3 {
        case 0: bytes[at] = interesting[Int(random.next() % UInt64(interesting.count))]
        case 1: bytes.remove(at: at)
        default: bytes.removeSubrange(at...)
        }
        if bytes.isEmpty { break }
      }
      if certainlyValid(bytes) { #expect(isValid(bytes), "\(bytes)") }
    }
  }
}
