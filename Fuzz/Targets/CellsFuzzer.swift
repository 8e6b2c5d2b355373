import PioneerRecords
import PioneerRules

/// Fuzz target (b): the value parsers. The input, decoded as UTF-8 (as every cell is by the
/// time it reaches a parser), is read by the `CellParser` of each input of the r3 schema —
/// text, count, decimal, yen, date, date-or-none, boolean, enumerations, JSIC code — and
/// every failure's message is built. Only a trap is a finding.

nonisolated(unsafe) private var parsers: [CellParser] = []

@_cdecl("LLVMFuzzerInitialize")
public func initialize(
  _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>>
) -> CInt {
  let schema = FuzzSupport.ruleSet().schema
  parsers = schema.inputs.map { CellParser(input: $0, schema: schema) }
  return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
  for parser in parsers {
    switch parser.parse(text) {
    case .success(let value): _ = value.truth
    case .failure(let error):
      _ = error.message(.en)
      _ = error.message(.ja)
    }
  }
  _ = DateText.parse(text)
  _ = CellText.normalize(text)
  return 0
}
