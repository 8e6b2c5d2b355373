import Testing

@testable import PioneerRules

/// The batch evaluator answers a table look-up from the table's kept answers, reading the key
/// in place, when the key is a member, a code its classification made or a short `oneOf` of
/// members; a code built by hand has no slot and is looked up the general way. Over every JSIC
/// code, for firms whose sector decides the small-business limit and the size class, both give
/// the same verdict, and so does the explaining evaluator.
@Suite struct BatchEvaluatorLookupTests {
  /// A large firm without a capital figure (both SME limits are looked up), a small one, and a
  /// mid-sized one between the limits of the sectors.
  static let firms: [[String: Value]] = [
    R3.allMet(),
    R3.allMet([
      "total_employees": .number(ExactNumber(6)), "regular_employees": .number(ExactNumber(6)),
      "eligible_employees": .number(ExactNumber(2)), "teleworkers": .number(ExactNumber(2)),
    ]),
    R3.allMet([
      "capital_yen": .number(ExactNumber(80_000_000)),
      "total_employees": .number(ExactNumber(120)), "regular_employees": .number(ExactNumber(120)),
      "eligible_employees": .number(ExactNumber(40)), "teleworkers": .number(ExactNumber(30)),
    ]),
  ]

  /// For each code the classification makes and each firm: the record with that code, and
  /// the record with the same code built by hand.
  static let pairs: [(made: Record, byHand: Record)] = {
    var pairs: [(made: Record, byHand: Record)] = []
    for text in ClassificationTests.texts {
      guard let code = ClassificationTests.jsic.code(text) else { continue }
      let byHand = IndustryCode(text: code.text, path: code.path)
      for firm in firms {
        var made = firm
        made["jsic_code"] = .code(code)
        var built = firm
        built["jsic_code"] = .code(byHand)
        pairs.append((R3.record(made), R3.record(built)))
      }
    }
    return pairs
  }()

  @Test func everyCodeGivesTheSameVerdictByItsSlotAsByItsPath() {
    #expect(Self.pairs.count == (20 + 99 + 9 + 990) * Self.firms.count)
    var disagreements: [Int] = []
    for (index, pair) in Self.pairs.enumerated() {
      let bySlot = R3.ruleSet.evaluate(pair.made)
      let byPath = R3.ruleSet.evaluate(pair.byHand)
      let explained = R3.ruleSet.evaluate(pair.byHand, observer: Trace())
      if bySlot != byPath || byPath != explained { disagreements.append(index) }
    }
    #expect(disagreements.isEmpty, "pairs \(disagreements.prefix(5))")
  }

  @Test func codesSideBySideInOneBatchGiveTheirOwnVerdicts() {
    // Rows of one chunk with different codes, some with slots and some without.
    let records = Self.pairs.flatMap { [$0.made, $0.byHand] }
    var screener = RuleSetScreener(ruleSet: R3.ruleSet, asOf: nil)
    let results = screener.screen(records)
    #expect(results.count == records.count)
    var disagreements: [Int] = []
    for (index, result) in results.enumerated() {
      guard case .evaluated(let verdict) = result,
        verdict == R3.ruleSet.evaluate(records[index], observer: Trace())
      else {
        disagreements.append(index)
        continue
      }
    }
    #expect(disagreements.isEmpty, "rows \(disagreements.prefix(5))")
  }

  @Test func theSectorOfEveryCodeIsTheSameByItsSlotAsByItsPath() throws {
    let sector = try #require(R3.ruleSet.definition(named: "sector"))
    for pair in Self.pairs {
      #expect(
        R3.ruleSet.value(of: sector, in: pair.made) == R3.ruleSet.value(of: sector, in: pair.byHand)
      )
    }
  }
}
