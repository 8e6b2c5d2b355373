import Testing

@testable import PioneerRules

/// `BatchVerdicts` keeps truths packed and reported values in plain form, with what does not
/// fit aside: a rule set with more criteria than a packed list holds, and reported values
/// that hold references or are too wide for 64 bits, read back as the records' own verdicts.
@Suite struct BatchVerdictsStorageTests {
  /// 34 criteria (more than `TruthList.packedCapacity`), and reported values of every kind: a
  /// number wider than 64 bits, a text, a boolean and a number (missing where staff is).
  static let rules: String = {
    let criteria = (1...33).map { "    criterion C\($0) \"人数\($0)\" = staff >= \($0)" }
    return MinimalRules.header.replacingOccurrences(
      of: "  maximum_yen = 1_000\n",
      with: "  maximum_yen = 1_000\n  reported = [wide, label, many, doubled]\n")
        + """
        define wide "wide" = staff * 100_000_000_000 * 100_000_000_000
        define label "label" = name
        define many "many" = staff >= 10
        define doubled "doubled" = staff * 2
        tier long "長い" requires pioneer {

        """ + criteria.joined(separator: "\n") + "\n}\n"
  }()

  static let ruleSet: RuleSet = {
    do {
      return try RuleSet.load(text: rules, name: "long.rules")
    } catch {
      fatalError("long.rules does not load:\n\(error)")
    }
  }()

  static let records: [Record] = (0..<40).map { index in
    var values = Array(repeating: Value.missing, count: ruleSet.schema.inputs.count)
    for input in ruleSet.schema.inputs {
      switch input.name {
      case "name": values[input.slot] = .text("名称\(index)")
      case "flag": values[input.slot] = index % 3 == 0 ? .missing : .boolean(index % 3 == 1)
      case "staff":
        values[input.slot] = index % 7 == 0 ? .missing : .number(ExactNumber(Int64(index)))
      default: break
      }
    }
    return Record(line: index + 2, values: values)
  }

  @Test func longTruthListsAndEveryKindOfReportedValueReadBackAsEachRecordsVerdict() throws {
    #expect(Self.ruleSet.criteria.count == 34)
    var screener = RuleSetScreener(ruleSet: Self.ruleSet, asOf: nil)
    let batch = RecordBatch(width: Self.ruleSet.schema.inputs.count, records: Self.records)
    let verdicts = screener.screen(batch)
    var disagreements: [Int] = []
    for (index, record) in Self.records.enumerated() {
      let expected = Self.ruleSet.evaluate(record, observer: Trace())
      let reported = (0..<4).map { verdicts.reported(at: index, $0) }
      if verdicts.verdict(at: index) != expected
        || verdicts.criteria(at: index) != expected.criteria
        || verdicts.outcome(at: index) != expected.outcome || reported != expected.reported
      {
        disagreements.append(index)
      }
    }
    #expect(disagreements.isEmpty, "rows \(disagreements)")
    // The wide number and the text are kept aside, and still read back.
    let wide = try #require(verdicts.reported(at: 1, 0))
    let factor = ExactNumber(100_000_000_000)
    #expect(wide == factor.multiplied(by: factor).map(Value.number))
    #expect(verdicts.reported(at: 1, 1) == .text("名称1"))
  }
}
