/// An RFC 4180 reader over UTF-8 bytes, one record per call, in constant memory beyond the
/// longest record.
///
/// - Fields are separated by the delimiter; a field that starts with `"` is quoted: it may
///   hold delimiters, line breaks and doubled quotes (`""` is one `"`).
/// - Records end at CRLF, LF or a lone CR. Line numbers count every line break, those
///   inside quoted fields too, so a record's `line` is the line a text editor shows.
/// - Lenient like Excel where RFC 4180 is strict: a quote inside an unquoted field
///   (`ab"c`) is kept literally, and text after a closing quote (`"ab"c`) is appended
///   literally (`abc`). The only structural error is a quoted field still open at the end
///   of the file, reported at the line and column where its quote opened.
/// - A blank line is a record of one empty field; the intake skips it.
///
/// Chunks of text are appended to one buffer, after the unfinished part of the current
/// record; fields are ranges of that buffer, unquoted in place, so a field's bytes are
/// never copied (only those after a doubled or closing quote move left).
public final class CSVReader {
  private let text: TextStream
  private let delimiter: UInt8
  private let maximumRecordBytes: Int
  /// The unread text: the current record's beginning, then what follows.
  private let window = ByteBuffer(capacity: 64 * 1024)
  private var position = 0
  /// The decoded-text offset of `window`'s first byte.
  private var windowOffset = 0
  private var line = 1
  /// The last record ended with CR: a LF right after it belongs to that line break.
  private var skipLineFeed = false
  private var atEnd = false
  private let record: CSVRecord

  private enum State {
    case fieldStart
    case unquoted
    case quoted
    /// A quote inside a quoted field: either the first of a doubled quote or the closing one.
    case quoteInQuoted
  }

  /// Reads `text`, splitting fields at `delimiter`; a record longer than
  /// `maximumRecordBytes` (typically a quote left open) stops the reading with an error.
  public init(
    text: TextStream, delimiter: FieldDelimiter = .comma, maximumRecordBytes: Int = 256 << 20
  ) {
    self.text = text
    self.delimiter = delimiter.byte
    self.maximumRecordBytes = maximumRecordBytes
    record = CSVRecord(window: window)
  }

  /// The bytes the reader keeps: a chunk plus the longest record seen, never more.
  public var bufferCapacity: Int { window.capacity }

  /// The next record, or nil at the end of the text. The same `CSVRecord` object is
  /// refilled by every call.
  public func next() throws(FileProblem) -> CSVRecord? {
    let record = self.record
    let window = self.window
    let quote = UInt8(ascii: "\"")
    let lineFeed = UInt8(ascii: "\n")
    let carriageReturn = UInt8(ascii: "\r")
    let delimiter = self.delimiter
    // The reader's state lives in locals while the loop runs and is stored back on exit.
    var position = self.position
    var line = self.line
    var skipLineFeed = self.skipLineFeed
    defer {
      self.position = position
      self.line = line
      self.skipLineFeed = skipLineFeed
    }
    var state = State.fieldStart
    var started = false
    var recordStart = position
    // The current field starts at `fieldStart`; its next byte goes to `write` ≤ `position`.
    var fieldStart = position
    var write = position
    var quoteLine = 0
    var quoteColumn = 0
    var previousWasCarriageReturn = false
    // The record's fields are bounded here, through a cursor into the record's bounds, and
    // counted on exit: the field loop then stores two bounds a field and little else.
    var bounds = record.bounds
    var cursor = bounds
    var boundsEnd = bounds + record.boundsCapacity
    defer {
      record.count = (cursor - bounds) / 2
      record.origin = recordStart
    }
    /// Bounds relative to the record's start, which moves with the text when the window
    /// drops what lies before it; fields come in order, each after the last.
    @inline(__always) func addField(from start: Int, to end: Int) {
      // The capacity is even, and two bounds are stored at a time.
      if cursor == boundsEnd {
        let fields = (cursor - bounds) / 2
        bounds = record.growBounds(keeping: fields)
        cursor = bounds + 2 * fields
        boundsEnd = bounds + record.boundsCapacity
      }
      cursor[0] = start - recordStart
      cursor[1] = end - recordStart
      cursor += 2
    }

    reading: while true {
      if position == window.count {
        if !atEnd, let chunk = try text.next() {
          // Keep only the unfinished record, then append the new text.
          let dropped = started ? recordStart : position
          window.removeFirst(dropped)
          windowOffset += dropped
          position -= dropped
          recordStart -= dropped
          fieldStart -= dropped
          write -= dropped
          if started, window.count > maximumRecordBytes {
            throw .recordTooLong(line: record.line, limit: maximumRecordBytes)
          }
          window.append(chunk)
          continue
        }
        atEnd = true
        guard started else { return nil }
        if state == .quoted {
          throw .unterminatedQuote(line: quoteLine, column: quoteColumn)
        }
        // A delimiter last in the text ends a field before an empty one, which no byte set up.
        if state == .fieldStart {
          fieldStart = position
          write = position
        }
        addField(from: fieldStart, to: write)
        return record
      }
      let base = window.base
      let count = window.count
      if skipLineFeed {
        skipLineFeed = false
        if base[position] == lineFeed {
          position += 1
          continue
        }
      }
      if !started {
        started = true
        recordStart = position
        record.line = line
        record.byteOffset = windowOffset + position
      }

      switch state {
      case .fieldStart:
        if base[position] == quote {
          position += 1
          state = .quoted
          quoteLine = line
          quoteColumn = (cursor - bounds) / 2 + 1
          previousWasCarriageReturn = false
          fieldStart = position
          write = position
          continue
        }
        // Unquoted fields, nearly all of them, are read one after another here rather than
        // each going twice round the state machine. Nothing in them moves, so a field is
        // the range up to its end.
        var start = position
        if delimiter < 0x2D {
          // Eight bytes at a time, every flagged byte of a word in turn: a word holds the
          // ends of several short fields (`0,0,0,`), found from one load and one test
          // instead of a scan from each field's start. Flags above the lowest may be false
          // (a `-` after a flagged byte), never missing, and each is checked byte by byte.
          var index = start
          while index <= count &- 8 {
            // In bounds: `index + 8 <= count`, the window's initialised bytes.
            var flagged = CSVReader.flags(base, at: index)
            while flagged != 0 {
              let end = index &+ flagged.trailingZeroBitCount &>> 3
              flagged &= flagged &- 1
              let byte = base[end]
              if byte == delimiter {
                addField(from: start, to: end)
                start = end &+ 1
                if start < count, base[start] != quote { continue }
                position = start
                continue reading
              }
              if byte == lineFeed || byte == carriageReturn {
                addField(from: start, to: end)
                position = end &+ 1
                line += 1
                skipLineFeed = byte == carriageReturn
                return record
              }
            }
            index &+= 8
          }
        }
        // The last bytes of the window, fewer than a word, or any delimiter from 0x2D up.
        while true {
          let end = CSVReader.unquotedEnd(base, from: start, to: count, delimiter: delimiter)
          guard end < count else {
            // The field goes on in the next chunk.
            state = .unquoted
            fieldStart = start
            write = count
            position = count
            break
          }
          addField(from: start, to: end)
          let byte = base[end]
          if byte == delimiter {
            start = end + 1
            if start < count, base[start] != quote { continue }
            state = .fieldStart
            position = start
            break
          }
          position = end + 1
          line += 1
          skipLineFeed = byte == carriageReturn
          return record
        }

      case .unquoted:
        let index = CSVReader.unquotedEnd(base, from: position, to: count, delimiter: delimiter)
        CSVReader.move(base, from: position, to: &write, count: index - position)
        position = index
        if index == count { continue }
        let byte = base[index]
        position += 1
        addField(from: fieldStart, to: write)
        if byte == delimiter {
          state = .fieldStart
          continue
        }
        line += 1
        skipLineFeed = byte == carriageReturn
        return record

      case .quoted:
        var index = position
        while true {
          // Quote, LF and CR are all below 0x2D.
          index = CSVReader.skipPlain(base, from: index, to: count)
          guard index < count else { break }
          let byte = base[index]
          if byte == quote || byte == lineFeed || byte == carriageReturn { break }
          index += 1
        }
        if index > position {
          CSVReader.move(base, from: position, to: &write, count: index - position)
          previousWasCarriageReturn = false
        }
        position = index
        if index == count { continue }
        let byte = base[index]
        position += 1
        if byte == quote {
          state = .quoteInQuoted
        } else {
          base[write] = byte
          write += 1
          if byte == carriageReturn || !previousWasCarriageReturn { line += 1 }
          previousWasCarriageReturn = byte == carriageReturn
        }

      case .quoteInQuoted:
        let byte = base[position]
        if byte == quote {
          base[write] = quote
          write += 1
          position += 1
          state = .quoted
          previousWasCarriageReturn = false
        } else if byte == delimiter {
          position += 1
          addField(from: fieldStart, to: write)
          state = .fieldStart
        } else if byte == lineFeed || byte == carriageReturn {
          position += 1
          addField(from: fieldStart, to: write)
          line += 1
          skipLineFeed = byte == carriageReturn
          return record
        } else {
          state = .unquoted
        }
      }
    }
  }

  /// The index of the delimiter, LF or CR that ends the unquoted field at `from`, or `end`.
  @inline(__always)
  private static func unquotedEnd(
    _ base: UnsafeMutablePointer<UInt8>, from: Int, to end: Int, delimiter: UInt8
  ) -> Int {
    let lineFeed = UInt8(ascii: "\n")
    let carriageReturn = UInt8(ascii: "\r")
    var index = from
    while true {
      // A byte the word test flags but that ends nothing (a space, a quote) costs one
      // comparison, and the word test resumes right after it.
      if delimiter < 0x2D { index = skipPlain(base, from: index, to: end) }
      guard index < end else { return end }
      let byte = base[index]
      if byte == delimiter || byte == lineFeed || byte == carriageReturn { return index }
      index += 1
    }
  }

  /// The index of the first byte in `from..<to` that is below 0x2D, or of one of the last
  /// seven bytes, eight bytes at a time: words with no byte below 0x2D (which excludes `,`,
  /// tab, LF, CR, `"` and space, and includes digits, letters and every non-ASCII byte)
  /// are skipped whole. The caller makes the exact decision, byte by byte.
  @inline(__always)
  private static func skipPlain(
    _ base: UnsafeMutablePointer<UInt8>, from: Int, to end: Int
  ) -> Int {
    var index = from
    while index + 8 <= end {
      let flagged = flags(base, at: index)
      if flagged != 0 { return index + flagged.trailingZeroBitCount >> 3 }
      index += 8
    }
    return index
  }

  /// The eight bytes at `index` with the top bit of each byte below 0x2D set and every
  /// other bit clear (the classic "has less" trick), except that bytes of 0x2D right
  /// above a flagged one are flagged too (by the borrow): the lowest flagged byte is exact,
  /// and no byte below 0x2D goes unflagged. The caller must own the eight bytes.
  @inline(__always)
  private static func flags(_ base: UnsafeMutablePointer<UInt8>, at index: Int) -> UInt64 {
    let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
    return (word &- 0x2D2D_2D2D_2D2D_2D2D) & ~word & 0x8080_8080_8080_8080
  }

  /// Appends `count` bytes at `from` to the field ending at `write`: nothing to do unless
  /// a quote was dropped earlier in the field.
  @inline(__always)
  private static func move(
    _ base: UnsafeMutablePointer<UInt8>, from: Int, to write: inout Int, count: Int
  ) {
    if write != from, count > 0 {
      UnsafeMutableRawPointer(base + write).copyMemory(from: base + from, byteCount: count)
    }
    write += count
  }
}
