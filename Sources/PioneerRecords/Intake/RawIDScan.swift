import Dispatch
import PioneerRules

/// `RepeatedIDScan`'s common case, straight over the file's bytes: a UTF-8 file (detected,
/// marked by a byte-order mark, or asked for) whose characters are ASCII or two- and
/// three-byte ones with common leads — every Japanese applicant export.
///
/// It finds the same records, the same id cells and the same encoding decision as the
/// general scan (`TextStream` and `CSVReader`), at a fraction of the cost:
/// - The bytes are checked as UTF-8 16 at a time (`UTF8BlockCheck`), in one pass over each
///   piece read, instead of character by character.
/// - Records are split without building them: only the fields up to the id column are
///   delimited; the rest of a record is skipped to its end eight bytes at a time, looking
///   only for line breaks and quotes.
/// - A plain ASCII id is hashed where it lies; others are read as `CellText` reads them.
///
/// It follows `CSVReader`'s rules exactly, leniencies included: a quote opens a quoted
/// field only first in a field (right after a delimiter or at a record's start), where
/// delimiters and line breaks are text and `""` is a quote; text after a closing quote is
/// kept literally. A line break ends a record (CRLF, LF or a lone CR); empty records, like
/// the LF of a CRLF, have no id, so the scan treats CR and LF alike.
///
/// Anything else — another encoding, a rare lead byte, bytes that are not UTF-8, a record
/// over `maximumRecordBytes`, a quote left open, a header that does not map, a read error —
/// gives up (nil), and the caller runs the general scan, which decides exactly as before.
final class RawIDScan {
  /// A record this long (a quote left open, most likely) sends the file to the general scan.
  static let maximumRecordBytes = 8 << 20
  /// Bytes kept readable before the buffer's first byte (`UTF8BlockCheck` reads two back)
  /// and after its last (the final, zero-padded block).
  private static let headroom = 16
  private static let slack = 16

  private let source: any ByteSource
  private let readSize: Int
  private let delimiter: UInt8
  /// `delimiter + 1`, at least LF and CR + 1, in every byte: a word with no byte below it
  /// holds nothing that ends an unquoted field.
  private let fieldEndBound: UInt64
  private var storage: UnsafeMutableRawPointer
  private var capacity: Int
  /// The buffer: bytes `0..<count` of it are the unfinished part of the file read so far.
  private var base: UnsafeMutablePointer<UInt8>
  private var count = 0
  private var atEnd = false
  /// The UTF-8 check of the bytes read, which runs on a thread of its own, one piece behind
  /// the records' reading; see `refill`.
  private let utf8 = BackgroundUTF8Check()
  /// The text of the last field read with `collecting` (a header cell, a quoted id cell).
  private var fieldText: [UInt8] = []
  /// Every id read goes into the filter, and those it may have seen into `candidates`.
  /// Properties rather than arguments passed down to `add` for every row (and captured by
  /// its closure): ~5 instructions a row fewer.
  private let filter: BloomFilter
  private let candidates = IDIndex()
  /// Plain ASCII ids read but not yet added, where they lie in the buffer, with their
  /// hashes: `pendingCount` of `groupSize`. See `addPending`.
  private let pendingHashes: UnsafeMutablePointer<UInt64>
  private let pendingIDs: UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>
  private var pendingCount = 0
  /// Where `addPending` leaves the words it touches, so that the touching loads are kept.
  private var touched: UInt64 = 0
  /// Ids added to the filter together: enough for their blocks' cache misses to overlap.
  static let groupSize = 16

  private static let lineFeed = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")
  private static let quote = UInt8(ascii: "\"")

  private init(source: any ByteSource, readSize: Int, delimiter: UInt8, byteCount: Int) {
    self.source = source
    filter = BloomFilter(bits: min(RepeatedIDScan.maximumBits, byteCount / 8))
    self.readSize = max(1, readSize)
    self.delimiter = delimiter
    fieldEndBound = UInt64(max(delimiter, RawIDScan.carriageReturn) + 1) &* 0x0101_0101_0101_0101
    capacity = max(2 * self.readSize, 64 * 1024)
    storage = RawIDScan.allocate(capacity: capacity)
    base = (storage + RawIDScan.headroom).assumingMemoryBound(to: UInt8.self)
    pendingHashes = .allocate(capacity: RawIDScan.groupSize)
    pendingHashes.initialize(repeating: 0, count: RawIDScan.groupSize)
    pendingIDs = .allocate(capacity: RawIDScan.groupSize)
    pendingIDs.initialize(
      repeating: UnsafeBufferPointer(start: nil, count: 0), count: RawIDScan.groupSize)
  }

  deinit {
    // The check may still be reading the buffer.
    utf8.wait()
    storage.deallocate()
    pendingHashes.deallocate()
    pendingIDs.deallocate()
  }

  /// Zeroed memory for a buffer of `capacity` bytes with its headroom and slack.
  private static func allocate(capacity: Int) -> UnsafeMutableRawPointer {
    let size = headroom + capacity + slack
    let raw = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
    raw.initializeMemory(as: UInt8.self, repeating: 0, count: size)
    return raw
  }

  /// The candidate ids of `source` (read from where it is) and its encoding, or nil when
  /// the file is not one the fast path reads (see the type's description).
  static func candidates(
    source: any ByteSource, idInput: InputDeclaration, schema: Schema, options: ReaderOptions,
    byteCount: Int
  ) -> (ids: IDIndex, encoding: EncodingDecision)? {
    guard source.isRewindable, options.encoding == nil || options.encoding == .utf8 else {
      return nil
    }
    let scan = RawIDScan(
      source: source, readSize: options.chunkSize, delimiter: (options.delimiter ?? .comma).byte,
      byteCount: byteCount)
    return scan.run(idInput: idInput, schema: schema, requested: options.encoding)
  }

  private enum Outcome {
    /// The record ended; the next one starts at or after this index.
    case complete(Int)
    /// The record goes on past the bytes read: read more and start it over.
    case needMore
    /// The end of the input.
    case end
    /// Not a file the fast path reads.
    case giveUp
  }

  private func run(
    idInput: InputDeclaration, schema: Schema, requested: TextEncoding?
  ) -> (ids: IDIndex, encoding: EncodingDecision)? {
    // As `TextStream` decides: a UTF-8 byte-order mark is skipped and names the encoding,
    // unless one was asked for; with none, valid UTF-8 is UTF-8. A UTF-16 mark (FF FE or
    // FE FF) is not UTF-8, so the block check gives such a file up.
    while count < 3, !atEnd {
      guard refill(keepingFrom: 0) != nil else { return nil }
    }
    let hasMark = count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF
    let decision: EncodingDecision
    if requested == .utf8 {
      decision = EncodingDecision(encoding: .utf8, reason: .requested)
    } else if hasMark {
      decision = EncodingDecision(encoding: .utf8, reason: .byteOrderMark)
    } else {
      decision = EncodingDecision(encoding: .utf8, reason: .validUTF8)
    }
    var position = hasMark ? 3 : 0

    // The header is the first record, even an empty one.
    var header: [String] = []
    loop: while true {
      switch headerRecord(from: position, into: &header) {
      case .complete(let next):
        position = next
        break loop
      case .needMore:
        guard let dropped = refill(keepingFrom: position) else { return nil }
        position -= dropped
      case .end, .giveUp: return nil
      }
    }
    guard let layout = try? HeaderLayout(header: header, schema: schema),
      let column = layout.slots.firstIndex(of: idInput.slot)
    else { return nil }

    while true {
      switch dataRecord(from: position, idColumn: column) {
      case .complete(let next): position = next
      case .needMore:
        // The pending ids lie in the buffer, which the refill moves.
        addPending()
        guard let dropped = refill(keepingFrom: position) else { return nil }
        position -= dropped
      case .end:
        addPending()
        utf8.wait()
        return utf8.state.isCertainlyValid ? (candidates, decision) : nil
      case .giveUp: return nil
      }
    }
  }

  // MARK: Reading

  /// Drops the bytes before `start` (but two kept before the first unchecked byte), reads
  /// one piece more, and starts checking it; returns how many bytes were dropped from the
  /// front, or nil to give up.
  ///
  /// The UTF-8 check of a piece runs while its records are read (a tenth of the scan's
  /// time, taken off the reading thread); it is waited for here, before the bytes move and
  /// another piece is read, and at the end. A file that is not UTF-8 is so found a piece
  /// later than it was found before the check moved, with the same outcome.
  private func refill(keepingFrom start: Int) -> Int? {
    utf8.wait()
    guard utf8.state.isCertainlyValid else { return nil }
    let dropped = max(0, min(start, utf8.checked - 2))
    if dropped > 0 {
      // `dropped` ≤ `count`, so the move stays inside the buffer.
      UnsafeMutableRawPointer(base).copyMemory(from: base + dropped, byteCount: count - dropped)
      count -= dropped
      utf8.checked -= dropped
    }
    if count == capacity {
      guard capacity < RawIDScan.maximumRecordBytes else { return nil }
      let grown = RawIDScan.allocate(capacity: 2 * capacity)
      // Headroom and bytes together: the two bytes before index 0 stay what they were.
      grown.copyMemory(from: storage, byteCount: RawIDScan.headroom + count)
      storage.deallocate()
      storage = grown
      capacity *= 2
      base = (storage + RawIDScan.headroom).assumingMemoryBound(to: UInt8.self)
    }
    let room = UnsafeMutableRawBufferPointer(
      start: base + count, count: min(readSize, capacity - count))
    guard let read = try? source.read(into: room) else { return nil }
    if read == 0 {
      atEnd = true
      // The last bytes as a block padded with zeros, which no sequence may end in: a
      // character cut off at the end of the file is broken.
      (base + count).initialize(repeating: 0, count: RawIDScan.slack)
      utf8.start(base, to: utf8.checked + 16)
    } else {
      count += read
      utf8.start(base, to: count)
    }
    return dropped
  }

  // MARK: Records

  /// The header record's fields, unquoted, as text.
  private func headerRecord(from start: Int, into fields: inout [String]) -> Outcome {
    fields.removeAll()
    if start == count, atEnd { return .giveUp }  // an empty file
    var position = start
    while true {
      let end: Int
      switch fieldEnd(at: position, collecting: true) {
      case .complete(let index): end = index
      case .needMore: return .needMore
      case .end, .giveUp: return .giveUp
      }
      fields.append(String(decoding: fieldText, as: UTF8.self))
      guard end < count, base[end] == delimiter else { return .complete(end) }
      position = end + 1
    }
  }

  /// Reads the record at or after `start` (past line breaks) and adds its id to the filter.
  @inline(__always)
  private func dataRecord(
    from start: Int, idColumn: Int
  ) -> Outcome {
    var position = start
    // Line breaks here end empty records (or are the LF of a CRLF): no id.
    while position < count,
      base[position] == RawIDScan.lineFeed
        || base[position] == RawIDScan.carriageReturn
    {
      position += 1
    }
    if position == count { return atEnd ? .end : .needMore }

    // The fields before the id's; a record that ends among them has no id cell.
    for _ in 0..<idColumn {
      let end: Int
      if base[position] == RawIDScan.quote {
        switch fieldEnd(at: position, collecting: false) {
        case .complete(let index): end = index
        case let other: return other
        }
      } else {
        end = unquotedFieldEnd(from: position)
        if end == count, !atEnd { return .needMore }
      }
      guard end < count, base[end] == delimiter else { return .complete(end) }
      position = end + 1
      if position == count { return atEnd ? .complete(position) : .needMore }
    }

    // The id cell: where it lies, or unquoted into `fieldText`.
    let idStart = position
    var idEnd: Int
    var quotedID = false
    if position < count, base[position] == RawIDScan.quote {
      quotedID = true
      switch fieldEnd(at: position, collecting: true) {
      case .complete(let index): idEnd = index
      case let other: return other
      }
    } else {
      idEnd = unquotedFieldEnd(from: position)
      if idEnd == count, !atEnd { return .needMore }
    }

    // The rest of the record.
    var recordEnd = idEnd
    if recordEnd < count, base[recordEnd] == delimiter {
      switch endOfRecord(from: recordEnd + 1) {
      case .complete(let index): recordEnd = index
      case let other: return other
      }
    }

    if quotedID {
      // The pending ids first: the filter sees every id in the file's order.
      addPending()
      fieldText.withUnsafeBufferPointer { cell in
        if RawIDScan.isPlainASCII(cell) {
          add(id: cell)
        } else {
          CellText.withTextCell(cell) { add(id: $0) }
        }
      }
    } else {
      add(bufferedCell: UnsafeBufferPointer(start: base + idStart, count: idEnd - idStart))
    }
    return .complete(recordEnd)
  }

  /// Adds the id an id cell in the buffer reads as, as `RepeatedIDScan`'s general path
  /// does; a plain one waits in the pending group, pointing into the buffer.
  @inline(__always)
  private func add(bufferedCell cell: UnsafeBufferPointer<UInt8>) {
    // Trimming and NFKC leave ASCII that does not start or end with a space or tab as it
    // is (`CellText`): such ids, nearly all, skip the call.
    if RawIDScan.isPlainASCII(cell) {
      pendingHashes[pendingCount] = IDIndex.hash64(cell)
      pendingIDs[pendingCount] = cell
      pendingCount &+= 1
      if pendingCount == RawIDScan.groupSize { addPending() }
    } else {
      // After the pending ids: the filter sees every id in the file's order.
      addPending()
      CellText.withTextCell(cell) { add(id: $0) }
    }
  }

  @inline(__always)
  private func add(id: UnsafeBufferPointer<UInt8>) {
    if filter.insert(hash: IDIndex.hash64(id)) {
      _ = candidates.firstLine(of: id, orInsertAt: 0)
    }
  }

  /// Adds the pending ids to the filter, in the order they were read.
  ///
  /// The filter is megabytes, so nearly every id's block is a cache miss. Added one by one
  /// as each record is parsed, the misses came one at a time, each stalling the parse (84%
  /// of the scan's own time on that one load). Here every pending block is loaded first,
  /// in a loop that does nothing else, so their misses are under way together; the
  /// insertions then find the blocks in the cache. What each insertion answers, and so the
  /// candidates, is as before: the same ids go in, in the same order.
  private func addPending() {
    let count = pendingCount
    guard count > 0 else { return }
    pendingCount = 0
    var touched = self.touched
    for index in 0..<count { touched ^= filter.firstWord(hash: pendingHashes[index]) }
    self.touched = touched
    for index in 0..<count where filter.insert(hash: pendingHashes[index]) {
      _ = candidates.firstLine(of: pendingIDs[index], orInsertAt: 0)
    }
  }

  /// Whether `bytes` is non-empty ASCII with no space or tab first or last.
  @inline(__always)
  static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress, let first = bytes.first, let last = bytes.last,
      first != 0x20, first != 0x09, last != 0x20, last != 0x09
    else { return false }
    var high: UInt64 = 0
    var index = 0
    while index + 8 <= bytes.count {
      high |= UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
      index += 8
    }
    while index < bytes.count {
      high |= UInt64(base[index])
      index += 1
    }
    return high & 0x8080_8080_8080_8080 == 0
  }

  // MARK: Fields

  /// The end of the field at `start` — the index of the delimiter or line break after it,
  /// or `count` at the end of the input; with `collecting`, its text, unquoted, is left in
  /// `fieldText`.
  private func fieldEnd(at start: Int, collecting: Bool) -> Outcome {
    if collecting { fieldText.removeAll(keepingCapacity: true) }
    func collect(_ from: Int, _ to: Int) {
      if collecting {
        fieldText.append(contentsOf: UnsafeBufferPointer(start: base + from, count: to - from))
      }
    }
    guard start < count, base[start] == RawIDScan.quote else {
      let end = unquotedFieldEnd(from: start)
      if end == count, !atEnd { return .needMore }
      collect(start, end)
      return .complete(end)
    }
    var segment = start + 1
    var index = segment
    while true {
      index = nextSpecial(from: index, onlyQuotes: true)
      if index == count { return atEnd ? .giveUp : .needMore }  // a quote left open
      collect(segment, index)
      // `index` holds a quote: doubled, closing the field, or followed by literal text.
      let after = index + 1
      if after == count { return atEnd ? .complete(after) : .needMore }
      let next = base[after]
      if next == RawIDScan.quote {
        if collecting { fieldText.append(RawIDScan.quote) }
        index = after + 1
        segment = index
        continue
      }
      if next == delimiter || next == RawIDScan.lineFeed || next == RawIDScan.carriageReturn {
        return .complete(after)
      }
      let end = unquotedFieldEnd(from: after)
      if end == count, !atEnd { return .needMore }
      collect(after, end)
      return .complete(end)
    }
  }

  /// The end of a record whose field starting at `start` follows a delimiter: the index of
  /// the line break that ends it, or `count` at the end of the input.
  @inline(__always)
  private func endOfRecord(from start: Int) -> Outcome {
    var index = start
    while true {
      index = nextSpecial(from: index, onlyQuotes: false)
      if index == count { return atEnd ? .complete(count) : .needMore }
      guard base[index] == RawIDScan.quote else { return .complete(index) }
      // `index` > `start` - 1, the delimiter's index, so the byte before is this record's.
      if base[index - 1] == delimiter {
        // A quote first in a field opens a quoted field.
        switch fieldEnd(at: index, collecting: false) {
        case .complete(let end): index = end
        case let other: return other
        }
      } else {
        index += 1  // a quote inside an unquoted field is text
      }
    }
  }

  /// The index of the first delimiter, LF or CR from `start` on, or `count`.
  @inline(__always)
  private func unquotedFieldEnd(from start: Int) -> Int {
    var index = start
    while true {
      index = RawIDScan.firstBelow(fieldEndBound, base, from: index, to: count)
      guard index < count else { return count }
      let byte = base[index]
      if byte == delimiter || byte == RawIDScan.lineFeed || byte == RawIDScan.carriageReturn {
        return index
      }
      index += 1
    }
  }

  /// The index of the first quote (or, unless `onlyQuotes`, LF or CR) from `start` on, or
  /// `count`.
  @inline(__always)
  private func nextSpecial(from start: Int, onlyQuotes: Bool) -> Int {
    var index = start
    while true {
      index = RawIDScan.firstBelowQuoteBound(base, from: index, to: count)
      guard index < count else { return count }
      let byte = base[index]
      if byte == RawIDScan.quote
        || !onlyQuotes && (byte == RawIDScan.lineFeed || byte == RawIDScan.carriageReturn)
      {
        return index
      }
      index += 1
    }
  }

  /// The index of the first byte in `from..<end` below 0x23 — which quote, LF and CR all
  /// are, and few other bytes — or `end`; sixteen bytes at a time in a vector register.
  @inline(__always)
  private static func firstBelowQuoteBound(
    _ base: UnsafeMutablePointer<UInt8>, from: Int, to end: Int
  ) -> Int {
    let bound = UTF8BlockCheck.Block(repeating: 0x22)
    let raw = UnsafeRawPointer(base)
    var index = from
    // `end` is a buffer index, so `end &- 16` cannot overflow; blocks start at or before it.
    let lastBlock = end &- 16
    while index <= lastBlock {
      let bytes = raw.loadUnaligned(fromByteOffset: index, as: UTF8BlockCheck.Block.self)
      let below = bytes .<= bound
      // One test a block (`any` is a byte mask's move and a test); the lane is found only
      // once a block has one, nearly always the record's last.
      if any(below) {
        // The mask's lanes are 0 or FF bytes: the lowest set byte of either half is the first.
        let halves = unsafeBitCast(below, to: SIMD2<UInt64>.self)
        if halves[0] != 0 { return index &+ halves[0].trailingZeroBitCount &>> 3 }
        return index &+ 8 &+ halves[1].trailingZeroBitCount &>> 3
      }
      index &+= 16
    }
    while index < end, base[index] > 0x22 { index &+= 1 }
    return index
  }

  /// The index of the first ASCII byte in `from..<end` below the byte repeated in `bound`
  /// (at most 0x80), or one of the last seven bytes, or `end`; eight bytes at a time.
  @inline(__always)
  private static func firstBelow(
    _ bound: UInt64, _ base: UnsafeMutablePointer<UInt8>, from: Int, to end: Int
  ) -> Int {
    var index = from
    // `index` ≤ `end`, a buffer index, so `index &+ 8` cannot overflow.
    while index &+ 8 <= end {
      let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
      // The classic "has less than" test: a borrow only starts at a byte below the bound, so
      // the lowest flagged byte is exact (bytes above it may be flagged falsely).
      let flagged = (word &- bound) & ~word & 0x8080_8080_8080_8080
      if flagged != 0 { return index &+ flagged.trailingZeroBitCount &>> 3 }
      index &+= 8
    }
    while index < end, base[index] >= UInt8(truncatingIfNeeded: bound) { index += 1 }
    return index
  }
}

/// `UTF8BlockCheck` over a buffer, one range at a time on a queue of its own: the reader
/// starts a range and waits for it before the buffer changes.
private final class BackgroundUTF8Check: @unchecked Sendable {
  private let queue = DispatchQueue(label: "pioneer.id-scan-utf8")
  private let done = DispatchSemaphore(value: 0)
  private var running = false
  /// Bytes before this index are checked. Both it and `state` are the queue's while a check
  /// runs, and the reader's once it has waited.
  var checked = 0
  var state = UTF8BlockCheck()

  /// Checks `base[checked..<end]` (whole blocks; see `UTF8BlockCheck.check`) in the
  /// background; `base[checked - 2..<end]` must stay as it is until `wait`.
  func start(_ base: UnsafeMutablePointer<UInt8>, to end: Int) {
    let bytes = Bytes(base: base)
    running = true
    queue.async {
      self.checked = self.state.check(bytes.base, from: self.checked, to: end)
      self.done.signal()
    }
  }

  /// Waits for the check started last, if it is still running.
  func wait() {
    guard running else { return }
    done.wait()
    running = false
  }

  private struct Bytes: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
  }
}
