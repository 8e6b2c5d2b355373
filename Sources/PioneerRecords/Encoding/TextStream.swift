/// A file's text as UTF-8, chunk by chunk, whatever its encoding: the one thing the CSV
/// parser reads.
///
/// The encoding is decided when the stream is made (spec §3.1): an explicit choice wins;
/// else a byte-order mark; else UTF-8 if the bytes are valid UTF-8, otherwise CP932. For a
/// rewindable source (a regular file) "valid" is decided by scanning the whole file once
/// in constant memory and rewinding; for a pipe, by the first chunk, and invalid UTF-8 later
/// on fails with its byte offset. UTF-8 chunks are handed on in place, with no copy.
public final class TextStream {
  /// The encoding used and why.
  public let decision: EncodingDecision

  private let reader: ChunkReader
  private let chunkSize: Int
  /// Bytes read ahead during detection, delivered before the rest of the source.
  private let head: ByteBuffer
  /// The next byte of `head` to deliver; `head` starts at source offset 0.
  private var headPosition = 0
  /// Checks UTF-8 not proven valid by detection; nil when there is nothing left to check.
  private var validator: UTF8Validator?
  private var utf16: UTF16Transcoder?
  private var cp932: CP932Transcoder?
  private let output: ByteBuffer
  private var finished = false

  /// Reads `source` in chunks of `chunkSize` bytes, as `encoding` or as detected.
  ///
  /// `proven` is the decision of an earlier stream over the same source, with the same
  /// options, that was read to its end without error: the whole-file checks are not
  /// repeated.
  public convenience init(
    source: any ByteSource, encoding requested: TextEncoding? = nil,
    chunkSize: Int = 256 * 1024, proven: EncodingDecision? = nil
  ) throws(FileProblem) {
    try self.init(
      source: source, encoding: requested, chunkSize: chunkSize, proven: proven,
      checkingUTF8WhileReading: false)
  }

  /// As the public initialiser; with `checkingUTF8WhileReading`, a rewindable source that
  /// detection would scan whole first is instead taken as UTF-8 and checked chunk by chunk
  /// as it is read, so `next()` fails with `invalidUTF8` where it is not. Read to its end
  /// without error, the stream has made the decision the scan would have (UTF-8, valid);
  /// after an error, the caller starts over with a stream that decides as usual.
  init(
    source: any ByteSource, encoding requested: TextEncoding?, chunkSize: Int,
    proven: EncodingDecision?, checkingUTF8WhileReading: Bool
  ) throws(FileProblem) {
    self.chunkSize = max(1, chunkSize)
    reader = ChunkReader(source: source, chunkSize: self.chunkSize)
    head = ByteBuffer(capacity: max(self.chunkSize, 4))
    output = ByteBuffer(capacity: 3 * self.chunkSize + 8)

    // Read ahead one chunk (at least four bytes, for a byte-order mark).
    while head.count < max(self.chunkSize, 4), let chunk = try reader.next() {
      head.append(chunk)
    }
    let headIsWholeInput = head.count < max(self.chunkSize, 4)
    let bom = TextStream.byteOrderMark(head.bytes)

    let decision: EncodingDecision
    var checkingWhileReading = false
    if let requested {
      decision = EncodingDecision(encoding: requested, reason: .requested)
      if bom == requested { headPosition = requested.byteOrderMark.count }
    } else if let bom {
      decision = EncodingDecision(encoding: bom, reason: .byteOrderMark)
      headPosition = bom.byteOrderMark.count
    } else if let proven {
      decision = proven
    } else if source.isRewindable && !headIsWholeInput && checkingUTF8WhileReading {
      decision = EncodingDecision(encoding: .utf8, reason: .validUTF8)
      checkingWhileReading = true
    } else if source.isRewindable && !headIsWholeInput {
      decision = try TextStream.scanWholeSource(head: head.bytes, reader: reader)
      try reader.rewind()
      head.removeAll()
    } else {
      var validator = UTF8Validator()
      let invalid = validator.validate(head.bytes, offset: 0)
      let truncatedAtEnd = headIsWholeInput ? validator.finish() : nil
      if let offset = invalid ?? truncatedAtEnd {
        decision = EncodingDecision(encoding: .cp932, reason: .notUTF8(offset: offset))
      } else {
        decision = EncodingDecision(encoding: .utf8, reason: .validUTF8)
      }
    }
    self.decision = decision

    let checked =
      !checkingWhileReading
      && (proven != nil
        || decision.reason == .validUTF8 && (source.isRewindable || headIsWholeInput))
    startDecoding(checked: checked)
    guard !checkingWhileReading else { return }
    // A file that cannot be decoded is rejected as a whole, before any row is read (spec §7):
    // input not already proven valid is decoded once through, then read again, when it can
    // be (a regular file, or a stream that fits in the head; a longer pipe fails where the
    // bad byte is).
    if (source.isRewindable || headIsWholeInput) && !checked {
      let start = headPosition  // past a byte-order mark, if any
      while try next() != nil {}
      if !headIsWholeInput {
        try reader.rewind()
        head.removeAll()
        while head.count < max(self.chunkSize, 4), let chunk = try reader.next() {
          head.append(chunk)
        }
      }
      headPosition = min(start, head.count)
      finished = false
      startDecoding(checked: true)
    }
  }

  /// Sets up the decoder of the chosen encoding; `checked` UTF-8 needs no validator.
  private func startDecoding(checked: Bool) {
    validator = nil
    utf16 = nil
    cp932 = nil
    switch decision.encoding {
    case .utf8:
      // Input already checked whole (a scanned file, or a stream that fit in the head)
      // needs no second check.
      validator = checked ? nil : UTF8Validator()
    case .utf16LittleEndian: utf16 = UTF16Transcoder(bigEndian: false)
    case .utf16BigEndian: utf16 = UTF16Transcoder(bigEndian: true)
    case .cp932: cp932 = CP932Transcoder()
    }
  }

  /// The size of the buffer the source is read into; fixed for the stream's life.
  public var chunkCapacity: Int { reader.capacity }

  /// The next chunk of UTF-8 text, valid until the next call, or nil at the end.
  /// A chunk may end inside a multi-byte character; the next chunk continues it.
  public func next() throws(FileProblem) -> UnsafeBufferPointer<UInt8>? {
    while !finished {
      guard let (chunk, offset) = try nextRaw() else {
        finished = true
        try finish()
        return nil
      }
      output.removeAll()
      if utf16 != nil {
        try utf16?.transcode(chunk, offset: offset, into: output)
      } else if cp932 != nil {
        try cp932?.transcode(chunk, offset: offset, into: output)
      } else {
        if let invalid = validator?.validate(chunk, offset: offset) {
          throw .invalidUTF8(offset: invalid)
        }
        return chunk
      }
      if output.count > 0 { return output.bytes }
    }
    return nil
  }

  /// Fails when the input ends inside a character.
  private func finish() throws(FileProblem) {
    if let offset = validator?.finish() { throw .invalidUTF8(offset: offset) }
    try utf16?.finish(offset: reader.offset)
    try cp932?.finish(offset: reader.offset)
  }

  /// The next piece of raw input and its source offset: first what detection read ahead,
  /// in pieces of at most `chunkSize`, then straight from the source.
  private func nextRaw() throws(FileProblem) -> (UnsafeBufferPointer<UInt8>, Int)? {
    if headPosition < head.count {
      let count = min(chunkSize, head.count - headPosition)
      let piece = UnsafeBufferPointer(rebasing: head.bytes[headPosition..<headPosition + count])
      let offset = headPosition
      headPosition += count
      return (piece, offset)
    }
    guard let chunk = try reader.next() else { return nil }
    return (chunk, reader.offset - chunk.count)
  }

  private static func byteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> TextEncoding? {
    for encoding in [TextEncoding.utf8, .utf16LittleEndian, .utf16BigEndian] {
      let mark = encoding.byteOrderMark
      if bytes.count >= mark.count, zip(bytes, mark).allSatisfy({ $0 == $1 }) { return encoding }
    }
    return nil
  }

  /// Validates the whole source as UTF-8 (the head, then every further chunk).
  private static func scanWholeSource(
    head: UnsafeBufferPointer<UInt8>, reader: ChunkReader
  ) throws(FileProblem) -> EncodingDecision {
    var validator = UTF8Validator()
    var invalid = validator.validate(head, offset: 0)
    while invalid == nil, let chunk = try reader.next() {
      invalid = validator.validate(chunk, offset: reader.offset - chunk.count)
    }
    if let offset = invalid ?? validator.finish() {
      return EncodingDecision(encoding: .cp932, reason: .notUTF8(offset: offset))
    }
    return EncodingDecision(encoding: .utf8, reason: .validUTF8)
  }
}
