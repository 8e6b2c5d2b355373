import PioneerTestSupport
import Testing

@testable import PioneerRecords

/// The validator's fast paths (ASCII words, plain three-byte characters) against a plain
/// decoder written from Unicode Table 3-7, on inputs built to hit their edges.
@Suite struct UTF8FastPathTests {
  /// The offset of the first byte that starts no well-formed sequence, or of an incomplete
  /// last sequence; nil for valid UTF-8.
  static func referenceFirstInvalid(_ bytes: [UInt8]) -> Int? {
    var index = 0
    while index < bytes.count {
      let lead = bytes[index]
      let length: Int
      var second: ClosedRange<UInt8> = 0x80...0xBF
      switch lead {
      case 0x00...0x7F: length = 1
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        second = 0xA0...0xBF
      case 0xED:
        length = 3
        second = 0x80...0x9F
      case 0xE1...0xEF: length = 3
      case 0xF0:
        length = 4
        second = 0x90...0xBF
      case 0xF4:
        length = 4
        second = 0x80...0x8F
      case 0xF1...0xF3: length = 4
      default: return index
      }
      for position in 1..<max(1, length) {
        guard index + position < bytes.count else { return index }
        let range: ClosedRange<UInt8> = position == 1 ? second : 0x80...0xBF
        guard range.contains(bytes[index + position]) else { return index }
      }
      index += length
    }
    return nil
  }

  /// Random text mostly of ASCII runs and kana and kanji, with now and then a character of
  /// another length, an E0/ED edge, or a stray byte.
  private static func randomText(_ random: inout SplitMix64, count: Int) -> [UInt8] {
    let pieces: [[UInt8]] = [
      Array("a".utf8), Array("12345678".utf8), Array(",".utf8), Array("テ".utf8),
      Array("企業".utf8), Array("é".utf8), Array("😀".utf8), Array("\u{800}".utf8),
      Array("\u{D7FF}".utf8), Array("\u{E000}".utf8), Array("\u{FFFF}".utf8),
      [0xE0, 0x9F, 0x80], [0xED, 0xA0, 0x80], [0xE3, 0x81], [0x80], [0xFF], [0xC1, 0xBF],
      [0xEF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
    ]
    var bytes: [UInt8] = []
    while bytes.count < count {
      let pick = Int(random.next() % 100)
      // Mostly valid pieces; a broken one about every fifty.
      let index = pick < 98 ? pick % 11 : 11 + Int(random.next() % UInt64(pieces.count - 11))
      bytes += pieces[index]
    }
    return bytes
  }

  @Test func agreesWithTheReferenceOnRandomTextWholeAndOneByteAtATime() {
    var random = SplitMix64(seed: 0x5EED_0008)
    for round in 0..<400 {
      let bytes = Self.randomText(&random, count: Int(random.next() % 80))
      let expected = Self.referenceFirstInvalid(bytes)
      for chunkSize in [1, 2, 3, 7, 8, 9, 64] {
        #expect(
          firstInvalidUTF8(bytes, chunkSize: chunkSize) == expected,
          "round \(round), chunk \(chunkSize): \(bytes)")
      }
      let whole = bytes.withUnsafeBufferPointer { UTF8Validator.isValidAndComplete($0, from: 0) }
      #expect(whole == (expected == nil), "round \(round): \(bytes)")
    }
  }

  @Test func agreesWithTheReferenceOnRandomBytes() {
    var random = SplitMix64(seed: 0x5EED_0009)
    for round in 0..<2000 {
      let count = Int(random.next() % 24)
      // Bytes from the ranges that matter: ASCII, continuations and every kind of lead.
      let bytes = (0..<count).map { _ -> UInt8 in
        let value = random.next()
        switch value % 4 {
        case 0: return UInt8(truncatingIfNeeded: value >> 8) & 0x7F
        case 1: return 0x80 | UInt8(truncatingIfNeeded: value >> 8) & 0x3F
        case 2: return 0xE0 | UInt8(truncatingIfNeeded: value >> 8) & 0x0F
        default: return UInt8(truncatingIfNeeded: value >> 8)
        }
      }
      let expected = Self.referenceFirstInvalid(bytes)
      #expect(firstInvalidUTF8(bytes, chunkSize: 1) == expected, "round \(round): \(bytes)")
      #expect(firstInvalidUTF8(bytes, chunkSize: 1 << 20) == expected, "round \(round): \(bytes)")
    }
  }

  @Test(arguments: 6...17)
  func anInvalidByteRightAfterAnASCIIRunIsFoundWhereItIs(runLength: Int) {
    for bad: [UInt8] in [
      [0xFF], [0x80], [0xE3, 0x81, 0x41], [0xE0, 0x80, 0x80], [0xED, 0xBF, 0xBF],
    ] {
      let bytes = Array(repeating: UInt8(ascii: "a"), count: runLength) + bad + Array("あ".utf8)
      for chunkSize in [1, 4, 8, 9, 1024] {
        #expect(firstInvalidUTF8(bytes, chunkSize: chunkSize) == runLength)
      }
      #expect(!bytes.withUnsafeBufferPointer { UTF8Validator.isValidAndComplete($0, from: 0) })
    }
  }

  @Test func threeByteCharactersCutAtEveryPointAreCarriedOver() {
    let text = Array("ab漢字かなカナ、。ｶ々\u{E000}\u{FFFD}c".utf8)
    for cut in 0...text.count {
      // Two chunks cut at `cut`, and one byte at a time, are all valid; so is the text
      // after any prefix, when it starts on a character boundary.
      var validator = UTF8Validator()
      let first = text[..<cut].withUnsafeBufferPointer { validator.validate($0, offset: 0) }
      let second = text[cut...].withUnsafeBufferPointer { validator.validate($0, offset: cut) }
      #expect(first == nil && second == nil && validator.finish() == nil, "cut at \(cut)")
    }
    #expect(firstInvalidUTF8(text, chunkSize: 1) == nil)
    // The same text cut short anywhere inside its last multi-byte character is incomplete.
    let truncated = Array(text.dropLast(2))
    #expect(firstInvalidUTF8(truncated, chunkSize: 5) == Self.referenceFirstInvalid(truncated))
  }

  @Test func skippingStopsOnlyAtBytesTheAutomatonMustSee() {
    let text = Array("abcdefghテスト企業,é".utf8)
    let stop = text.withUnsafeBufferPointer {
      UTF8Validator.skipCommonCharacters($0.baseAddress!, from: 0, count: $0.count)
    }
    #expect(stop == text.count - 2)  // at é, a two-byte character
    let edge: [UInt8] = Array("xy".utf8) + [0xE0, 0xA0, 0x80]
    let stopAtE0 = edge.withUnsafeBufferPointer {
      UTF8Validator.skipCommonCharacters($0.baseAddress!, from: 0, count: $0.count)
    }
    #expect(stopAtE0 == 2)
  }
  /// Whether `isValidAndComplete` from `start` agrees with the reference on `bytes[start...]`
  /// (it reads nothing before `start`: the bytes before it are garbage here).
  private static func agreesFrom(_ start: Int, _ bytes: [UInt8]) -> Bool {
    let garbage: [UInt8] = [0xE3, 0xF0, 0x80, 0xFF, 0xC3, 0xE0, 0xED][..<start].map { $0 }
    let whole = garbage + bytes
    let accepted = whole.withUnsafeBufferPointer {
      UTF8Validator.isValidAndComplete($0, from: start)
    }
    return accepted == (referenceFirstInvalid(bytes) == nil)
  }

  /// Chunk sizes around the validator's block of sixteen bytes and its ASCII word of eight.
  private static let chunkSizes = [1, 7, 8, 15, 16, 17, 18, 31, 32, 33, 48, 1 << 20]

  @Test func agreesWithTheReferenceOnLongRandomTextInBlocksAndChunks() {
    var random = SplitMix64(seed: 0x5EED_0010)
    for round in 0..<600 {
      let bytes = Self.randomText(&random, count: 16 + Int(random.next() % 400))
      let expected = Self.referenceFirstInvalid(bytes)
      for chunkSize in Self.chunkSizes {
        #expect(
          firstInvalidUTF8(bytes, chunkSize: chunkSize) == expected,
          "round \(round), chunk \(chunkSize): \(bytes)")
      }
      for start in 0...3 {
        #expect(Self.agreesFrom(start, bytes), "round \(round), from \(start): \(bytes)")
      }
    }
  }

  /// Every ill-formed sequence of Unicode Table 3-7's kinds — overlongs, surrogates, above
  /// U+10FFFF, stray continuations, bytes that never occur, and each multi-byte character
  /// cut short — at every position of a long valid text, so that it falls at every place in
  /// a block and a word, and right after a block's end.
  @Test(
    arguments: [
      [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF],
      [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
      [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xF8], [0xFE], [0xFF], [0x80],
      [0xBF], [0xC2], [0xDF], [0xE3, 0x81], [0xE3], [0xEF, 0xBF], [0xE0, 0xA0], [0xF0, 0x90, 0x80],
      [0xF4, 0x8F], [0xE3, 0x81, 0xC3, 0xA9], [0xC3, 0xE3, 0x81, 0x82],
    ] as [[UInt8]])
  func anIllFormedSequenceIsFoundWhereverItFalls(bad: [UInt8]) {
    let valid = Array("R0000001,テスト企業1,合同会社,9,,14,4,0,0,0,就業規則本則,あり,なし,はい,\n".utf8)
    for position in 0...valid.count {
      for tail in [[], Array("x".utf8), Array("あ".utf8)] as [[UInt8]] {
        let bytes = Array(valid[..<position]) + bad + Array(valid[position...]) + tail
        let expected = Self.referenceFirstInvalid(bytes)
        #expect(expected != nil)
        for chunkSize in Self.chunkSizes {
          #expect(
            firstInvalidUTF8(bytes, chunkSize: chunkSize) == expected,
            "at \(position), chunk \(chunkSize)")
        }
        #expect(Self.agreesFrom(0, bytes) && Self.agreesFrom(2, bytes), "at \(position)")
      }
    }
  }

  /// The well-formed sequences at the edges of Table 3-7, which the blocks leave to the
  /// automaton or pass themselves, at every position of a long text, and the text cut short
  /// at every byte.
  @Test func wellFormedEdgesAreAcceptedWhereverTheyFallAndEveryCutIsFound() {
    let valid = Array("R0000001,テスト企業1,合同会社,9,,14,4,0,0,0,就業規則本則,あり,なし,はい,\n".utf8)
    let edges: [[UInt8]] = [
      [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xE1, 0x80, 0x80], [0xEC, 0xBF, 0xBF],
      [0xED, 0x80, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF],
      [0xF0, 0x90, 0x80, 0x80], [0xF3, 0xBF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF], [0x7F],
    ]
    // Inserted between characters: inside one, any byte would break it.
    let boundaries = (0...valid.count).filter { $0 == valid.count || valid[$0] & 0xC0 != 0x80 }
    for edge in edges {
      for position in boundaries {
        let bytes = Array(valid[..<position]) + edge + Array(valid[position...])
        for chunkSize in Self.chunkSizes {
          #expect(firstInvalidUTF8(bytes, chunkSize: chunkSize) == nil, "\(edge) at \(position)")
        }
        #expect(Self.agreesFrom(0, bytes) && Self.agreesFrom(3, bytes), "\(edge) at \(position)")
      }
    }
    let long = Array(String(repeating: "テスト企業1,é😀", count: 6).utf8)
    for cut in 0...long.count {
      let bytes = Array(long[..<cut])
      let expected = Self.referenceFirstInvalid(bytes)
      for chunkSize in Self.chunkSizes {
        #expect(firstInvalidUTF8(bytes, chunkSize: chunkSize) == expected, "cut at \(cut)")
      }
      #expect(Self.agreesFrom(0, bytes), "cut at \(cut)")
    }
  }
}
