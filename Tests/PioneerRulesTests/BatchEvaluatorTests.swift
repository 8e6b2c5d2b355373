import Testing

@testable import PioneerRules

/// The batch evaluator works node by node over many rows, each short cut narrowing the rows
/// the next node runs at, where the explaining evaluator recurses row by row: over every
/// combination of inputs, including missing ones, one by one and all in one batch, both give
/// the same verdict.
@Suite struct BatchEvaluatorTests {
  /// Short cuts that skip a definition's first use (`a and either` with `a` false, then
  /// `either` alone), an `if` whose branches use definitions, `first_known`, and nesting; and
  /// the values an undecided `if` leaves (either branch) compared and tested for membership.
  static let rules =
    MinimalRules.header + """
      input a: boolean "a"
      input b: boolean "b"
      input c: boolean "c"
      input n: count "n"
      enum Shade "色" {
        "赤"
        "青"
        "緑"
      }

      define either "b or c" = b or c
      define fallback "first known" = first_known(n, staff)
      define size "size" = if a then n else staff
      define big "big" = size >= 10
      define shade: Shade "shade" = if a then "赤" else "青"
      define warm: Shade "warm" = if b then "赤" else "緑"
      define either_count "either count" = if b then n else 4
      tier extra "追加" requires pioneer {
        criterion E1 "a and either" = a and either
        criterion E2 "either" = either
        criterion E3 "not a or big" = not a or big
        criterion E4 "if b then either else big" = if b then either else big
        criterion E5 "fallback" = fallback >= 5
        criterion E6 "nested" = (a and (b or big)) or (c and not either)
        criterion E7 "if unknown" = (if c then size else fallback) >= 5
        criterion E8 "shade in list" = shade in ["赤", "緑"]
        criterion E9 "warm in list" = warm in ["赤", "緑"]
        criterion E10 "either count against staff" = either_count >= staff
        criterion E11 "staff against either count" = staff <= (if c then 12 else 3)
      }
      check n_within_staff "n above staff" = n <= staff

      """

  static let ruleSet: RuleSet = {
    do {
      return try RuleSet.load(text: rules, name: "batch.rules")
    } catch {
      fatalError("batch.rules does not load:\n\(error)")
    }
  }()

  static func record(_ inputs: [String: Value]) -> Record {
    var values = Array(repeating: Value.missing, count: ruleSet.schema.inputs.count)
    for (name, value) in inputs {
      guard let slot = ruleSet.schema.input(named: name)?.slot else { continue }
      values[slot] = value
    }
    return Record(line: 2, values: values)
  }

  @Test func aBatchOfOneAndTheRecursiveEvaluatorAgreeOnEveryCombination() {
    #expect(Self.combinations.count == 3 * 3 * 3 * 3 * 3 * 3)
    var disagreements: [Record] = []
    for record in Self.combinations {
      let fast = Self.ruleSet.evaluate(record)
      let traced = Self.ruleSet.evaluate(record, observer: Trace())
      let fastChecks = Self.ruleSet.brokenChecks(record).map(\.name)
      if fast != traced || fastChecks != Self.tracedBrokenChecks(record) {
        disagreements.append(record)
      }
    }
    #expect(disagreements.isEmpty, "\(disagreements.prefix(5).map(\.values))")
  }

  /// Every combination of inputs, in a fixed order.
  static let combinations: [Record] = {
    let booleans: [Value] = [.boolean(true), .boolean(false), .missing]
    let counts: [Value] = [.missing, .number(ExactNumber(3)), .number(ExactNumber(12))]
    var records: [Record] = []
    for flag in booleans {
      for a in booleans {
        for b in booleans {
          for c in booleans {
            for n in counts {
              for staff in counts {
                records.append(
                  record(["flag": flag, "a": a, "b": b, "c": c, "n": n, "staff": staff]))
              }
            }
          }
        }
      }
    }
    return records
  }()

  /// What the explaining evaluator makes of a record, as a screener reports it.
  static func explained(_ record: Record) -> String {
    let broken = tracedBrokenChecks(record)
    guard broken.isEmpty else { return "broken \(broken)" }
    return "\(ruleSet.evaluate(record, observer: Trace()))"
  }

  /// What a screener's result says, in the same words.
  static func described(_ result: RuleSetScreener.Result) -> String {
    switch result {
    case .inconsistent(let broken): return "broken \(broken.map { ruleSet.checks[$0].name })"
    case .evaluated(let verdict): return "\(verdict)"
    }
  }

  @Test(arguments: [1, 2, 7, 256, 1000])
  func everyCombinationInOneBatchAgreesWithTheRecursiveEvaluator(batchSize: Int) {
    // Rows side by side take different short cuts: each node runs at a different subset of
    // the chunk, and a definition's first use differs from row to row.
    var records = Self.combinations
    // Reversed and interleaved too, so that neighbours differ in every input.
    records += Self.combinations.reversed()
    records += stride(from: 0, to: Self.combinations.count, by: 2).map { Self.combinations[$0] }
    var screener = RuleSetScreener(ruleSet: Self.ruleSet, asOf: nil)
    var results: [RuleSetScreener.Result] = []
    var start = 0
    while start < records.count {
      let end = min(records.count, start + batchSize)
      results += screener.screen(Array(records[start..<end]))
      start = end
    }
    #expect(results.count == records.count)
    var disagreements: [Int] = []
    for (index, record) in records.enumerated()
    where index >= results.count || Self.described(results[index]) != Self.explained(record) {
      disagreements.append(index)
    }
    #expect(disagreements.isEmpty, "rows \(disagreements.prefix(5))")
  }

  @Test func aBatchNarrowerThanItsRecordsTakesThemAChunkAtATime() {
    let evaluator = BatchEvaluator(plan: Self.ruleSet.plan, asOf: CivilDate(dayNumber: 0), width: 3)
    var rows: [Int] = []
    evaluator.run(Array(Self.combinations.prefix(8)), checks: [], roots: []) { rows.append($0) }
    #expect(rows == [0, 1, 2, 0, 1, 2, 0, 1])
    // Chosen records of a batch: each row of a chunk is told its record.
    let batch = RecordBatch(
      width: Self.ruleSet.schema.inputs.count, records: Array(Self.combinations.prefix(8)))
    var pairs: [[Int]] = []
    evaluator.run(batch, at: [1, 4, 5, 7], checks: [], roots: []) { pairs.append([$0, $1]) }
    #expect(pairs == [[0, 1], [1, 4], [2, 5], [0, 7]])
  }

  @Test func oneEvaluatorGivesEachRecordItsOwnDefinitions() {
    // A screener reuses its evaluator: a definition worked out for one record must not leak
    // into the next, whichever criterion asks for it first.
    var screener = RuleSetScreener(ruleSet: Self.ruleSet, asOf: nil)
    let first = Self.record(["flag": .boolean(true), "a": .boolean(true), "b": .boolean(true)])
    let second = Self.record(["flag": .boolean(true), "a": .boolean(false), "b": .boolean(false)])
    for record in [first, second, first, second] {
      guard case .evaluated(let verdict) = screener.screen(record) else {
        Issue.record("a record without counts breaks no check")
        continue
      }
      #expect(verdict == Self.ruleSet.evaluate(record, observer: Trace()))
    }
  }

  /// The checks the explaining evaluator finds broken.
  static func tracedBrokenChecks(_ record: Record) -> [String] {
    var evaluator = Evaluator(
      plan: ruleSet.plan, asOf: ruleSet.defaultReferenceDate, observer: nil)
    evaluator.start(record)
    return ruleSet.checks.filter { evaluator.value(of: $0.condition.id).truth == .no }.map(\.name)
  }
}

/// Screening a record batch at some of its records: the others are left unscreened, and each
/// screened one gets what it gets on its own.
@Suite struct BatchVerdictsTests {
  static let ruleSet = BatchEvaluatorTests.ruleSet

  @Test func recordsLeftOutAreUnscreenedAndTheOthersAgreeWithScreeningOneByOne() {
    let records = Array(BatchEvaluatorTests.combinations.prefix(300))
    let batch = RecordBatch(width: Self.ruleSet.schema.inputs.count, records: records)
    let chosen = records.indices.filter { $0 % 3 != 1 }
    var screener = RuleSetScreener(ruleSet: Self.ruleSet, asOf: nil)
    let verdicts = screener.screen(batch, at: chosen)
    #expect(verdicts.count == records.count)
    for (index, record) in records.enumerated() {
      guard chosen.contains(index) else {
        #expect(verdicts.verdict(at: index) == nil && verdicts.brokenChecks(at: index) == nil)
        #expect(verdicts.outcome(at: index) == .invalid && verdicts.criteria(at: index) == nil)
        #expect(verdicts.reported(at: index, 0) == nil)
        continue
      }
      switch screener.screen(record) {
      case .inconsistent(let broken):
        #expect(verdicts.brokenChecks(at: index) == broken && verdicts.verdict(at: index) == nil)
      case .evaluated(let verdict):
        #expect(verdicts.verdict(at: index) == verdict)
        #expect(verdicts.outcome(at: index) == verdict.outcome)
        #expect(verdicts.criteria(at: index) == verdict.criteria)
        #expect(verdicts.brokenChecks(at: index) == nil)
      }
    }
  }

  @Test func outOfRangeRecordsHaveNoVerdict() {
    var screener = RuleSetScreener(ruleSet: Self.ruleSet, asOf: nil)
    let verdicts = screener.screen(RecordBatch(width: Self.ruleSet.schema.inputs.count))
    #expect(verdicts.count == 0)
    #expect(verdicts.verdict(at: 0) == nil && verdicts.outcome(at: -1) == .invalid)
    #expect(verdicts.reported(at: 0, -1) == nil && verdicts.brokenChecks(at: 5) == nil)
  }
}

/// Membership of a member in a list of members is tested against a bit mask worked out once;
/// with the list negated, a missing member, and a subject that is one of two members (an
/// undecided `if`), it answers as the explaining evaluator does.
@Suite struct MembershipBatchTests {
  static let ruleSet: RuleSet = {
    let rules =
      MinimalRules.header + """
        enum Kind "種類" {
          "甲"
          "乙"
          "丙"
          "丁"
        }
        input kind: Kind "種類"
        define either "either" = if flag then kind else "丁"
        tier extra "追加" requires pioneer {
          criterion M1 "in" = kind in ["甲", "丙"]
          criterion M2 "not in" = kind not in ["乙"]
          criterion M3 "either in" = either in ["甲", "丁"]
          criterion M4 "either not in" = either not in ["丙", "丁"]
        }

        """
    do {
      return try RuleSet.load(text: rules, name: "membership.rules")
    } catch {
      fatalError("membership.rules does not load:\n\(error)")
    }
  }()

  @Test func everyMemberAndFlagGivesTheExplainingEvaluatorsVerdict() {
    let kinds: [Value] = [.missing, .member(0), .member(1), .member(2), .member(3)]
    let flags: [Value] = [.missing, .boolean(true), .boolean(false)]
    var records: [Record] = []
    for kind in kinds {
      for flag in flags {
        var values = Array(repeating: Value.missing, count: Self.ruleSet.schema.inputs.count)
        for (name, value) in [("kind", kind), ("flag", flag)] {
          guard let slot = Self.ruleSet.schema.input(named: name)?.slot else { continue }
          values[slot] = value
        }
        records.append(Record(line: 2, values: values))
      }
    }
    var screener = RuleSetScreener(ruleSet: Self.ruleSet, asOf: nil)
    let results = screener.screen(records)
    #expect(results.count == records.count)
    for (record, result) in zip(records, results) {
      guard case .evaluated(let verdict) = result else {
        Issue.record("no check to break")
        continue
      }
      #expect(verdict == Self.ruleSet.evaluate(record, observer: Trace()), "\(record.values)")
    }
    // The rows cover each answer of each criterion.
    for criterion in 0..<4 {
      let truths = Set(
        results.compactMap { result -> Truth? in
          guard case .evaluated(let verdict) = result else { return nil }
          return verdict.criteria[criterion]
        })
      #expect(truths == [.yes, .no, .unknown], "criterion \(criterion)")
    }
  }
}
