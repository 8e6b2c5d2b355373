import Foundation
import PioneerRules

@testable import PioneerRecords

/// A CSV record as the tests compare it.
struct ReadRecord: Equatable, CustomStringConvertible {
  var line: Int
  var byteOffset: Int
  var fields: [String]

  var description: String { "\(line)@\(byteOffset): \(fields)" }
}

/// Every record of `bytes`, read in source pieces of `chunkLimit` bytes through a stream
/// with `chunkSize`-byte chunks.
func csvRecords(
  _ bytes: [UInt8], chunkLimit: Int = .max, chunkSize: Int = 256 * 1024,
  encoding: TextEncoding? = nil, delimiter: FieldDelimiter = .comma
) throws -> [ReadRecord] {
  let text = try TextStream(
    source: MemorySource(bytes, chunkLimit: chunkLimit), encoding: encoding, chunkSize: chunkSize)
  let reader = CSVReader(text: text, delimiter: delimiter)
  var records: [ReadRecord] = []
  while let record = try reader.next() {
    records.append(
      ReadRecord(line: record.line, byteOffset: record.byteOffset, fields: record.fields))
  }
  return records
}

/// Every record of `text` (UTF-8).
func csvRecords(_ text: String, chunkSize: Int = 256 * 1024) throws -> [ReadRecord] {
  try csvRecords(Array(text.utf8), chunkLimit: chunkSize, chunkSize: chunkSize)
}
