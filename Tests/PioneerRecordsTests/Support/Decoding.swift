@testable import PioneerRecords

/// The whole decoded text of `bytes` and the encoding decision.
func decode(
  _ bytes: [UInt8], chunkSize: Int = 256 * 1024, encoding: TextEncoding? = nil,
  rewindable: Bool = true
) throws(FileProblem) -> (text: String, decision: EncodingDecision) {
  let source: any ByteSource =
    rewindable
    ? MemorySource(bytes, chunkLimit: chunkSize) : StreamSource(bytes, chunkLimit: chunkSize)
  let stream = try TextStream(source: source, encoding: encoding, chunkSize: chunkSize)
  var utf8: [UInt8] = []
  while let chunk = try stream.next() { utf8 += chunk }
  return (String(decoding: utf8, as: UTF8.self), stream.decision)
}

/// The offset of the first byte that makes `bytes` invalid UTF-8, fed to one validator in
/// pieces of `chunkSize`; nil for valid UTF-8 that ends on a character boundary.
func firstInvalidUTF8(_ bytes: [UInt8], chunkSize: Int) -> Int? {
  var validator = UTF8Validator()
  var offset = 0
  while offset < bytes.count {
    let end = min(offset + chunkSize, bytes.count)
    let invalid = bytes[offset..<end].withUnsafeBufferPointer {
      validator.validate($0, offset: offset)
    }
    if let invalid { return invalid }
    offset = end
  }
  return validator.finish()
}
