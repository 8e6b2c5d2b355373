import Testing

@testable import PioneerRules

/// The batch evaluator keeps numbers whose parts fit in 64 bits in place and boxes wider ones:
/// both kinds, and their mix, give what the explaining evaluator gives, through comparisons,
/// arithmetic that grows past 64 bits or overflows, integer division (by zero, by a negative,
/// of `Int64.min`), negation and undecided `if`s.
@Suite struct WideNumberBatchTests {
  static let rules =
    MinimalRules.header + """
      input a: decimal "a"
      input b: decimal "b"
      input c: boolean "c"

      define product "product" = a * b
      define either "either" = if c then a else b
      tier extra "追加" requires pioneer {
        criterion W1 "a below b" = a < b
        criterion W2 "product at least a" = product >= a
        criterion W3 "sum equals b plus a" = a + b == b + a
        criterion W4 "quotient" = a / b <= b
        criterion W5 "negation" = -a > b
        criterion W6 "either branch" = either >= b
        criterion W7 "either equals a" = either == a
        criterion W8 "difference" = a - b < a
        criterion W9 "quotient equals" = a / b == b / a
      }

      """

  static let ruleSet: RuleSet = {
    do {
      return try RuleSet.load(text: rules, name: "wide.rules")
    } catch {
      fatalError("wide.rules does not load:\n\(error)")
    }
  }()

  /// Small and wide numbers, fractions, extremes of 64 and 128 bits, and missing.
  static let numbers: [Value] = {
    var numbers: [Value] = [.missing]
    let parts: [(Int128, Int128)] = [
      (0, 1), (3, 1), (-3, 1), (12, 1), (-7, 2), (1, 3), (Int128(Int64.max), 1),
      (Int128(Int64.min) + 1, 1), (Int128(Int64.min), 1),
      (Int128(Int64.max) + 1, 1), (Int128(1) << 100, 3), (-(Int128(1) << 120), 1),
      (5, Int128(1) << 70), (Int128.max, 1),
    ]
    for (numerator, denominator) in parts {
      if let number = ExactNumber(numerator: numerator, denominator: denominator) {
        numbers.append(.number(number))
      }
    }
    return numbers
  }()

  static func records() -> [Record] {
    var records: [Record] = []
    let width = ruleSet.schema.inputs.count
    for a in numbers {
      for b in numbers {
        for c in [Value.boolean(true), .boolean(false), .missing] {
          var values = Array(repeating: Value.missing, count: width)
          for (name, value) in [("flag", Value.boolean(true)), ("a", a), ("b", b), ("c", c)] {
            guard let slot = ruleSet.schema.input(named: name)?.slot else { continue }
            values[slot] = value
          }
          records.append(Record(line: 2, values: values))
        }
      }
    }
    return records
  }

  @Test func wideAndSmallNumbersGiveTheExplainingEvaluatorsVerdictInOneBatch() {
    let records = Self.records()
    #expect(records.count == Self.numbers.count * Self.numbers.count * 3)
    var screener = RuleSetScreener(ruleSet: Self.ruleSet, asOf: nil)
    let results = screener.screen(records)
    var disagreements: [Int] = []
    for (index, record) in records.enumerated() {
      guard case .evaluated(let verdict)? = results[safe: index],
        verdict == Self.ruleSet.evaluate(record, observer: Trace())
      else {
        disagreements.append(index)
        continue
      }
    }
    #expect(disagreements.isEmpty, "rows \(disagreements.prefix(5))")
  }
}
