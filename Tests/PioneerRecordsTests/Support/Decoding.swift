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
