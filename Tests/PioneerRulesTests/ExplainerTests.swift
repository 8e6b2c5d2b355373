import Testing

@testable import PioneerRules

@Suite struct ExplainerTests {
  static let smallRetailerAtQuarter = R3.allMet([
    "jsic_code": R3.code("58"), "total_employees": .number(ExactNumber(4)),
    "regular_employees": .number(ExactNumber(4)), "eligible_employees": .number(ExactNumber(1)),
    "teleworkers": .number(ExactNumber(1)), "avg_telework_days": R3.number("4"),
  ])

  func explainH1(_ language: Language, _ fields: [String: Value]) -> CriterionExplanation? {
    Explainer(ruleSet: R3.ruleSet, language: language).explain(R3.record(fields))
      .criteria.first { $0.id == "H1" }
  }

  @Test func failedCoverageNamesBothSidesAndTheThresholdApplied() throws {
    let h1 = try #require(explainH1(.ja, Self.smallRetailerAtQuarter))
    #expect(h1.result == .no)
    #expect(h1.reasoning == "対象従業員の割合 (25%) ≥ 適用される対象割合の基準 (50%)")
    let small = try #require(h1.derivedFacts.first { $0.name == "small_business" })
    #expect(small.value == "はい")
    #expect(small.reasoning.contains("常時雇用する人数 (4人) ≤ 小規模企業者の上限 (5人)"))
    let sector = try #require(h1.derivedFacts.first { $0.name == "sector" })
    #expect(sector.value == "小売業")
    #expect(sector.reasoning.contains("産業分類コード (58)"))
  }

  @Test func failedCoverageOffersTheSmallestConsistentFix() throws {
    let h1 = try #require(explainH1(.ja, Self.smallRetailerAtQuarter))
    let sentences = h1.fixes.map(\.sentence)
    #expect(sentences.contains("テレワーク対象従業員数 1人 → 2人 で満たす"))
    // Lowering 常時雇用 to 2 would also pass and stays consistent (2 ≤ 総従業員数 4).
    #expect(sentences.contains("常時雇用する人数 4人 → 2人 で満たす"))
  }

  @Test func fixRespectsConsistencyChecks() throws {
    // Raising teleworkers beyond eligible breaks a check, so H2 (1 of 10 eligible) is fixed
    // by teleworkers 1 → 5 (5 ≤ 10), never by anything inconsistent.
    let fields = R3.allMet([
      "eligible_employees": .number(ExactNumber(10)), "teleworkers": .number(ExactNumber(1)),
      "regular_employees": .number(ExactNumber(20)), "total_employees": .number(ExactNumber(20)),
    ])
    let h2 = try #require(
      Explainer(ruleSet: R3.ruleSet, language: .en).explain(R3.record(fields)).criteria.first {
        $0.id == "H2"
      })
    #expect(h2.result == .no)
    #expect(h2.fixes.map(\.sentence).contains("teleworkers 1 → 5 would pass"))
    #expect(h2.fixes.map(\.sentence).contains("employees covered by telework 10 → 2 would pass"))
  }

  @Test func unknownResultNamesTheMissingInputs() throws {
    let h3 = try #require(
      Explainer(ruleSet: R3.ruleSet, language: .en).explain(
        R3.record(R3.allMet(["avg_telework_days": .missing]))
      ).criteria.first { $0.id == "H3" })
    #expect(h3.result == .unknown)
    #expect(h3.missingInputs == ["average telework days a month"])
    #expect(
      h3.reasoning == "average telework days a month (missing) ≥ minimum telework days a month (4)")
  }

  @Test func decimalFixReachesTheThresholdExactly() throws {
    let fields = R3.allMet(["avg_telework_days": R3.number("3.5")])
    let h3 = try #require(
      Explainer(ruleSet: R3.ruleSet, language: .ja).explain(R3.record(fields)).criteria.first {
        $0.id == "H3"
      })
    #expect(h3.fixes.map(\.sentence) == ["月平均実施日数 3.5 → 4 で満たす"])
  }
}
