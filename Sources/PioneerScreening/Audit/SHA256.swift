internal import CSHA256Hardware
import PioneerRules

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A streaming SHA-256 hash (FIPS 180-4, §6.2), used to fingerprint the input files and rule
/// sets an audit trail refers to.
///
/// Feed bytes with `update` in pieces of any size; `finalize()` returns the 32-byte digest of
/// everything fed so far without consuming the state, so hashing may continue afterwards.
/// All word arithmetic wraps (`&+`), as the standard defines it modulo 2³².
///
/// Blocks are compressed with the CPU's SHA instructions where it has them (x86-64 with the
/// SHA extensions and SSE4.1), otherwise in Swift; both give the same digests.
///
/// ```swift
/// var hash = SHA256()
/// hash.update("abc".utf8)
/// hash.hexDigest  // "ba7816bf…"
/// ```
public struct SHA256: Sendable {
  /// The size of one message block in bytes.
  public static let blockByteCount = 64
  /// The size of a digest in bytes.
  public static let digestByteCount = 32

  /// H(i): the intermediate hash value (FIPS 180-4 §6.2.2).
  private var state: [UInt32] = SHA256.initialHashValue
  /// Bytes of the current, not yet complete block (always fewer than 64).
  private var pending: [UInt8] = []
  /// The message length in bytes so far, modulo 2⁶⁴.
  private var byteCount: UInt64 = 0
  /// How this hash compresses its blocks.
  let compression: Compression

  /// A hash of the empty message, ready for `update`.
  public init() {
    self.init(compression: SHA256.fastestCompression)
  }

  /// A hash of the empty message that compresses with `compression` where this CPU can run
  /// it: tests use it to compare the two implementations, and asking for `.hardware` on a CPU
  /// without the instructions gives `.portable` instead of an illegal instruction.
  init(compression: Compression) {
    self.compression =
      compression == .hardware && SHA256.fastestCompression == .hardware ? .hardware : .portable
    pending.reserveCapacity(SHA256.blockByteCount)
  }

  /// The two implementations of the compression function.
  enum Compression: Sendable, Equatable {
    /// The x86-64 SHA extensions, through the C target CSHA256Hardware: about 2.5 instead of
    /// about 47 instructions per byte.
    case hardware
    /// Plain Swift, for every CPU.
    case portable
  }

  /// `.hardware` when this CPU has the SHA extensions and SSE4.1, else `.portable`. Asked once
  /// per process: the answer cannot change, and valgrind, whose CPU lacks them, gets the
  /// portable path rather than an illegal instruction.
  static let fastestCompression: Compression =
    csha256_hardware_is_available() != 0 ? .hardware : .portable

  /// Appends the bytes in `bytes` to the message.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard !bytes.isEmpty else { return }
    byteCount = byteCount &+ UInt64(truncatingIfNeeded: bytes.count)
    var offset = 0
    if !pending.isEmpty {
      let take = Swift.min(SHA256.blockByteCount &- pending.count, bytes.count)
      pending.append(contentsOf: bytes[0..<take])
      offset = take
      guard pending.count == SHA256.blockByteCount else { return }
      pending.withUnsafeBytes { SHA256.compress(&state, blocks: $0, using: compression) }
      pending.removeAll(keepingCapacity: true)
    }
    let wholeBlocks = (bytes.count &- offset) / SHA256.blockByteCount * SHA256.blockByteCount
    if wholeBlocks > 0 {
      SHA256.compress(
        &state, blocks: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset &+ wholeBlocks)]),
        using: compression)
      offset = offset &+ wholeBlocks
    }
    if offset < bytes.count {
      pending.append(contentsOf: bytes[offset...])
    }
  }

  /// Appends the bytes of any collection (for example `string.utf8` or `[UInt8]`).
  public mutating func update<C: Collection<UInt8>>(_ bytes: C) {
    let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
      update(UnsafeRawBufferPointer(buffer))
    }
    if handled == nil {
      let copy = Array(bytes)
      copy.withUnsafeBytes { update($0) }
    }
  }

  /// The 32-byte digest of the message fed so far.
  ///
  /// The state is not consumed: further `update` calls continue the same message.
  public func finalize() -> [UInt8] {
    var state = self.state
    // Padding (§5.1.1): a 1 bit, zeros up to 56 mod 64 bytes, then the bit length in 64 bits.
    var tail = pending
    tail.append(0x80)
    let zeros = (SHA256.blockByteCount &* 2 &- 8 &- tail.count) % SHA256.blockByteCount
    tail.append(contentsOf: repeatElement(0, count: zeros))
    let bitLength = byteCount &<< 3
    for shift in stride(from: 56, through: 0, by: -8) {
      tail.append(UInt8(truncatingIfNeeded: bitLength &>> UInt64(shift)))
    }
    tail.withUnsafeBytes { SHA256.compress(&state, blocks: $0, using: compression) }
    var digest: [UInt8] = []
    digest.reserveCapacity(SHA256.digestByteCount)
    for word in state {
      digest.append(UInt8(truncatingIfNeeded: word &>> 24))
      digest.append(UInt8(truncatingIfNeeded: word &>> 16))
      digest.append(UInt8(truncatingIfNeeded: word &>> 8))
      digest.append(UInt8(truncatingIfNeeded: word))
    }
    return digest
  }

  /// The digest of the message fed so far as 64 lowercase hexadecimal digits.
  public var hexDigest: String {
    SHA256.hex(finalize())
  }

  /// The digest of `bytes` in one call.
  public static func hash<C: Collection<UInt8>>(_ bytes: C) -> [UInt8] {
    var hash = SHA256()
    hash.update(bytes)
    return hash.finalize()
  }

  /// The digest of `bytes` as 64 lowercase hexadecimal digits.
  public static func hexDigest<C: Collection<UInt8>>(of bytes: C) -> String {
    hex(hash(bytes))
  }

  /// The size of the chunks `hexDigest(ofFileAt:)` reads: 1 MiB.
  public static let fileChunkByteCount = 1 << 20

  /// The digest of the file at `path` as 64 lowercase hexadecimal digits, read in 1 MiB
  /// chunks so that memory use does not grow with the file.
  ///
  /// - Throws: `SHA256.FileError` when the file cannot be opened or read.
  public static func hexDigest(ofFileAt path: String) throws -> String {
    var descriptor: Int32
    repeat {
      descriptor = open(path, O_RDONLY | O_CLOEXEC)
    } while descriptor < 0 && errno == EINTR
    guard descriptor >= 0 else { throw FileError.cannotOpen(path: path, code: errno) }
    defer { _ = close(descriptor) }
    let buffer = UnsafeMutableRawBufferPointer.allocate(
      byteCount: fileChunkByteCount, alignment: 16)
    defer { buffer.deallocate() }
    guard let base = buffer.baseAddress else {
      throw FileError.cannotRead(path: path, code: EINVAL)
    }
    var hash = SHA256()
    while true {
      let count = read(descriptor, base, fileChunkByteCount)
      if count < 0 {
        if errno == EINTR { continue }
        throw FileError.cannotRead(path: path, code: errno)
      }
      if count == 0 { break }
      hash.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
    }
    return hash.hexDigest
  }

  /// Lowercase hexadecimal text of `bytes`.
  public static func hex<C: Collection<UInt8>>(_ bytes: C) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(bytes.count &* 2)
    for byte in bytes {
      text.append(digits[Int(byte &>> 4)])
      text.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// Why a file could not be hashed.
  public enum FileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `open(2)` failed with the given `errno`.
    case cannotOpen(path: String, code: Int32)
    /// `read(2)` failed with the given `errno`.
    case cannotRead(path: String, code: Int32)

    /// The message for a person, in `language`.
    public func message(_ language: Language) -> String {
      switch (self, language) {
      case (.cannotOpen(let path, let code), .ja):
        return "ファイルを開けません: \(path)（\(SHA256.systemErrorText(code))）"
      case (.cannotOpen(let path, let code), .en):
        return "cannot open the file \(path) (\(SHA256.systemErrorText(code)))"
      case (.cannotRead(let path, let code), .ja):
        return "ファイルを読み込めません: \(path)（\(SHA256.systemErrorText(code))）"
      case (.cannotRead(let path, let code), .en):
        return "cannot read the file \(path) (\(SHA256.systemErrorText(code)))"
      }
    }

    /// The English message.
    public var description: String { message(.en) }
  }

  private static func systemErrorText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "errno \(code)" }
    return "\(String(cString: text)), errno \(code)"
  }

  /// Applies the compression function (§6.2.2) to each whole 64-byte block of `blocks` in
  /// turn; a trailing partial block is ignored (callers pass whole blocks only).
  private static func compress(
    _ state: inout [UInt32], blocks: UnsafeRawBufferPointer, using compression: Compression
  ) {
    switch compression {
    case .hardware: compressWithSHAExtensions(&state, blocks: blocks)
    case .portable: compressPortably(&state, blocks: blocks)
    }
  }

  /// `compress` on the CPU's SHA instructions; only for `compression == .hardware`, which
  /// `init(compression:)` grants only where they exist.
  private static func compressWithSHAExtensions(
    _ state: inout [UInt32], blocks: UnsafeRawBufferPointer
  ) {
    let blockCount = blocks.count / blockByteCount
    guard blockCount > 0, let start = blocks.baseAddress, state.count == 8 else { return }
    state.withUnsafeMutableBufferPointer { words in
      guard let words = words.baseAddress else { return }
      csha256_hardware_compress(words, start.assumingMemoryBound(to: UInt8.self), blockCount)
    }
  }

  /// `compress` in Swift, for CPUs without the SHA extensions.
  ///
  /// There this is most of the cost of reading an input file, so the state lives in locals for
  /// the whole run of blocks, words are loaded big-endian straight from the bytes, and the
  /// rounds are unrolled eight at a time with the working variables renamed instead of shifted.
  private static func compressPortably(_ state: inout [UInt32], blocks: UnsafeRawBufferPointer) {
    let blockCount = blocks.count / blockByteCount
    guard blockCount > 0, let start = blocks.baseAddress, state.count == 8 else { return }
    var h0 = state[0]
    var h1 = state[1]
    var h2 = state[2]
    var h3 = state[3]
    var h4 = state[4]
    var h5 = state[5]
    var h6 = state[6]
    var h7 = state[7]
    roundConstants.withUnsafeBufferPointer { k in
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
        for blockIndex in 0..<blockCount {
          let block = start + blockIndex &* blockByteCount
          for t in 0..<16 {
            w[t] = block.loadUnaligned(fromByteOffset: t &* 4, as: UInt32.self).bigEndian
          }
          for t in 16..<64 {
            let w15 = w[t &- 15]
            let w2 = w[t &- 2]
            // σ0 and σ1 with their rotations nested (ROTR7(x ⊕ ROTR11(x)) is ROTR7 ⊕ ROTR18),
            // as in the rounds below.
            let s0 = rotr(w15 ^ rotr(w15, 11), 7) ^ (w15 &>> 3)
            let s1 = rotr(w2 ^ rotr(w2, 2), 17) ^ (w2 &>> 10)
            w[t] = s1 &+ w[t &- 7] &+ s0 &+ w[t &- 16]
          }
          var a = h0
          var b = h1
          var c = h2
          var d = h3
          var e = h4
          var f = h5
          var g = h6
          var h = h7
          var t = 0
          while t < 64 {
            round(a, b, c, &d, e, f, g, &h, k[t] &+ w[t])
            round(h, a, b, &c, d, e, f, &g, k[t &+ 1] &+ w[t &+ 1])
            round(g, h, a, &b, c, d, e, &f, k[t &+ 2] &+ w[t &+ 2])
            round(f, g, h, &a, b, c, d, &e, k[t &+ 3] &+ w[t &+ 3])
            round(e, f, g, &h, a, b, c, &d, k[t &+ 4] &+ w[t &+ 4])
            round(d, e, f, &g, h, a, b, &c, k[t &+ 5] &+ w[t &+ 5])
            round(c, d, e, &f, g, h, a, &b, k[t &+ 6] &+ w[t &+ 6])
            round(b, c, d, &e, f, g, h, &a, k[t &+ 7] &+ w[t &+ 7])
            t &+= 8
          }
          h0 = h0 &+ a
          h1 = h1 &+ b
          h2 = h2 &+ c
          h3 = h3 &+ d
          h4 = h4 &+ e
          h5 = h5 &+ f
          h6 = h6 &+ g
          h7 = h7 &+ h
        }
      }
    }
    state[0] = h0
    state[1] = h1
    state[2] = h2
    state[3] = h3
    state[4] = h4
    state[5] = h5
    state[6] = h6
    state[7] = h7
  }

  /// One round of §6.2.2 step 3 with the variables renamed: instead of shifting all eight
  /// down by one, the caller rotates the argument order, so only `d` (the new `e`) and `h`
  /// (the new `a`) change. `constantPlusWord` is K(t) + W(t).
  @inline(__always)
  private static func round(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
    _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ constantPlusWord: UInt32
  ) {
    // Σ1(e) = ROTR6(e) ⊕ ROTR11(e) ⊕ ROTR25(e), nested so that each rotation works on the
    // previous result: x86 rotates in place, and three rotations of `e` itself need copies.
    let bigSigma1 = rotr(rotr(rotr(e, 14) ^ e, 5) ^ e, 6)
    let choose = g ^ (e & (f ^ g))  // (e ∧ f) ⊕ (¬e ∧ g), one operation fewer
    let t1 = h &+ bigSigma1 &+ choose &+ constantPlusWord
    // Σ0(a) = ROTR2(a) ⊕ ROTR13(a) ⊕ ROTR22(a), nested likewise.
    let bigSigma0 = rotr(rotr(rotr(a, 9) ^ a, 11) ^ a, 2)
    let majority = (a & b) | (c & (a | b))  // equals (a ∧ b) ⊕ (a ∧ c) ⊕ (b ∧ c)
    d = d &+ t1
    h = t1 &+ bigSigma0 &+ majority
  }

  @inline(__always)
  private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x &>> n) | (x &<< (32 &- n))
  }

  /// H(0) (§5.3.3): the first 32 bits of the fractional parts of the square roots of the
  /// first eight primes.
  private static let initialHashValue: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
    0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
  ]

  /// K (§4.2.2): the first 32 bits of the fractional parts of the cube roots of the first
  /// sixty-four primes.
  private static let roundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
    0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe,
    0x9bdc_06a7, 0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f,
    0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
    0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
    0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85, 0xa2bf_e8a1, 0xa81a_664b,
    0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116,
    0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
    0xc671_78f2,
  ]
}
