/// The result of evaluating one valid record against a rule set.
public struct Verdict: Hashable, Sendable {
  /// One truth per criterion, in `RuleSet.criteria` order.
  public let criteria: TruthList
  /// One truth per tier, in `RuleSet.tiers` order (a tier includes the tiers it requires).
  public let tiers: TruthList
  /// What the record's outcome is.
  public let outcome: Outcome
  /// The values of the rule set's reported definitions, in `RuleSet.reported` order.
  public let reported: [Value]
}

/// An applicant's outcome (criteria.md §6, §7).
public enum Outcome: Hashable, Sendable {
  /// The highest tier whose criteria all hold, by index into `RuleSet.tiers`.
  case tier(Int)
  /// The lowest tier fails.
  case notSelected
  /// Missing values block the decision.
  case indeterminate
  /// The row could not be evaluated.
  case invalid
}

extension RuleSet {
  /// The stable code of an outcome (`hyakusen`, `pioneer`, `not_selected`, …).
  public func code(of outcome: Outcome) -> String {
    switch outcome {
    case .tier(let index): return tiers[safe: index]?.name ?? "tier\(index)"
    case .notSelected: return "not_selected"
    case .indeterminate: return "indeterminate"
    case .invalid: return "invalid"
    }
  }

  /// The outcome's short label for people (`百選`, `不選定`).
  public func label(of outcome: Outcome, _ language: Language) -> String {
    switch outcome {
    case .tier(let index):
      guard let tier = tiers[safe: index] else { return code(of: outcome) }
      return language == .ja ? tier.shortLabel : tier.name
    default:
      let code = code(of: outcome)
      return language == .ja ? (outcomeLabels[code]?.ja ?? code) : code
    }
  }

  /// The outcome for a code, if any.
  public func outcome(code: String) -> Outcome? {
    if let index = tiers.firstIndex(where: { $0.name == code }) { return .tier(index) }
    switch code {
    case "not_selected": return .notSelected
    case "indeterminate": return .indeterminate
    case "invalid": return .invalid
    default: return nil
    }
  }

  /// Evaluates a record's criteria and outcome. `asOf` is the reference date for rows with
  /// no date of their own (`--as-of`, else the rule set's default).
  public func evaluate(
    _ record: Record, asOf: CivilDate? = nil, observer: EvaluationObserver? = nil
  )
    -> Verdict
  {
    let date = asOf ?? defaultReferenceDate
    guard let observer else {
      var row = BatchRow(evaluating: record, plan.criterionRoots + plan.reportedRoots, plan, date)
      return verdict(&row)
    }
    var evaluator = Evaluator(plan: plan, asOf: date, observer: observer)
    evaluator.start(record)
    return verdict(&evaluator)
  }

  /// The consistency checks a record definitely breaks (a check over a missing value holds).
  public func brokenChecks(_ record: Record, asOf: CivilDate? = nil) -> [ConsistencyCheck] {
    var row = BatchRow(
      evaluating: record, plan.checkRoots, plan, asOf ?? defaultReferenceDate)
    return brokenChecks(&row).map { checks[$0] }
  }

  func brokenChecks<E: RootEvaluating>(_ evaluator: inout E) -> [Int] {
    var broken: [Int] = []
    for (index, root) in plan.checkRoots.enumerated() where evaluator.truth(ofRoot: root) == .no {
      broken.append(index)
    }
    return broken
  }

  func verdict<E: RootEvaluating>(_ evaluator: inout E) -> Verdict {
    var criteria = TruthList()
    for root in plan.criterionRoots { criteria.append(evaluator.truth(ofRoot: root)) }
    let (tiers, outcome) = tiersAndOutcome(criteria)
    // A loop rather than `map`: `map` with a mutating closure grew the array one by one.
    var reportedValues: [Value] = []
    reportedValues.reserveCapacity(plan.reportedRoots.count)
    for root in plan.reportedRoots { reportedValues.append(evaluator.value(ofRoot: root)) }
    return Verdict(criteria: criteria, tiers: tiers, outcome: outcome, reported: reportedValues)
  }

  /// Each tier's truth, given each criterion's, and the outcome they give.
  func tiersAndOutcome(_ criteria: TruthList) -> (tiers: TruthList, outcome: Outcome) {
    plan.tierTable.tiersAndOutcome(criteria)
  }

  /// The value of a definition for a record.
  public func value(of definition: Definition, in record: Record, asOf: CivilDate? = nil) -> Value {
    var evaluator = Evaluator(plan: plan, asOf: asOf ?? defaultReferenceDate, observer: nil)
    evaluator.start(record)
    return evaluator.value(of: definition.expression.id)
  }
}

/// Screens many records against one rule set, reusing its working memory between records:
/// one per thread. Consistency checks come first; a record that breaks one is not evaluated.
public struct RuleSetScreener {
  /// A record's result.
  public enum Result: Sendable {
    /// Indices into `RuleSet.checks` of the checks the record breaks.
    case inconsistent([Int])
    case evaluated(Verdict)
  }

  public let ruleSet: RuleSet
  private let evaluator: BatchEvaluator
  /// What a consistent record's verdict reads: its criteria and reported definitions.
  private let verdictRoots: [Int]
  /// The evaluator's columns of the checks, the criteria and the reported definitions.
  private let checkColumns: [UnsafePointer<PlainValue>]
  private let criterionColumns: [UnsafePointer<PlainValue>]
  private let reportedColumns: [UnsafePointer<PlainValue>]

  public init(ruleSet: RuleSet, asOf: CivilDate?) {
    self.ruleSet = ruleSet
    evaluator = BatchEvaluator(plan: ruleSet.plan, asOf: asOf ?? ruleSet.defaultReferenceDate)
    verdictRoots = ruleSet.plan.criterionRoots + ruleSet.plan.reportedRoots
    let evaluator = evaluator
    checkColumns = ruleSet.plan.checkRoots.map(evaluator.column(ofNode:))
    criterionColumns = ruleSet.plan.criterionRoots.map(evaluator.column(ofNode:))
    reportedColumns = ruleSet.plan.reportedRoots.map(evaluator.column(ofNode:))
  }

  /// One record's result.
  public mutating func screen(_ record: Record) -> Result {
    // `screen(_:)` gives one result per record.
    screen([record]).first ?? .inconsistent([])
  }

  /// Each record's result, in order.
  public mutating func screen(_ records: [Record]) -> [Result] {
    let batch = RecordBatch(width: ruleSet.schema.inputs.count, records: records)
    let verdicts = screen(batch)
    return (0..<verdicts.count).map { index in
      verdicts.verdict(at: index).map(Result.evaluated)
        ?? .inconsistent(verdicts.brokenChecks(at: index) ?? [])
    }
  }

  /// The verdicts of the records of `batch` at `indices` (in increasing order; every record,
  /// when nil); the others are left unscreened. Records are evaluated a chunk at a time, which
  /// is what makes a large file fast.
  public mutating func screen(_ batch: RecordBatch, at indices: [Int]? = nil) -> BatchVerdicts {
    var verdicts = makeVerdicts(capacity: batch.count)
    screen(batch, at: (indices ?? Array(0..<batch.count))[...], appendingTo: &verdicts)
    verdicts.appendSkipped(upTo: batch.count)
    return verdicts
  }

  /// The rows `screen(_:at:appendingTo:)` evaluates together: a batch typed and screened this
  /// many valid rows at a time is screened while its rows are still in the cache.
  public var chunkWidth: Int { evaluator.width }

  /// No verdicts yet, with room for `capacity` records' (`screen(_:at:appendingTo:)`).
  public func makeVerdicts(capacity: Int) -> BatchVerdicts {
    BatchVerdicts(reportedCount: ruleSet.plan.reportedRoots.count, capacity: capacity)
  }

  /// Appends to `verdicts` those of the records of `batch` at `indices` (in increasing order,
  /// and from `verdicts.count` on), each record before one of them that `verdicts` does not
  /// have yet left unscreened; `BatchVerdicts.appendSkipped(upTo:)` leaves those after the
  /// last unscreened. A batch is screened in parts this way as its records are typed.
  public mutating func screen(
    _ batch: RecordBatch, at indices: ArraySlice<Int>, appendingTo verdicts: inout BatchVerdicts
  ) {
    let ruleSet = ruleSet
    let evaluator = evaluator
    let checks = checkColumns
    let criteria = criterionColumns
    let reported = reportedColumns
    let tierTable = ruleSet.plan.tierTable
    let packs = criteria.count <= TruthList.packedCapacity
    // Each consistent row's criteria as a packed word, filled a criterion at a time.
    let codes = UnsafeMutablePointer<UInt64>.allocate(capacity: evaluator.width)
    defer { codes.deallocate() }
    evaluator.runChunks(batch, at: indices, checks: ruleSet.plan.checkRoots, roots: verdictRoots) {
      chunk, isConsistent, consistent in
      if packs {
        // Each truth's code put in place, without `append`'s test of the list's length; one
        // column at a time, rather than every column at each row.
        codes.initialize(repeating: 0, count: chunk.count)
        var shift: UInt64 = 0
        for column in criteria {
          for row in consistent {
            codes[row] |= TruthList.code(evaluator.truth(column[row])) &<< shift
          }
          shift &+= 2
        }
      }
      for (row, index) in zip(0..<chunk.count, chunk) {
        // Records left out come before this one: unscreened.
        while verdicts.count < index { verdicts.appendSkipped() }
        guard isConsistent[row] else {
          var broken: [Int] = []
          for (check, column) in checks.enumerated() where evaluator.truth(column[row]) == .no {
            broken.append(check)
          }
          verdicts.appendInconsistent(breaking: broken)
          continue
        }
        let truths: TruthList
        if packs {
          truths = TruthList(packedCodes: codes[row], count: criteria.count)
        } else {
          var list = TruthList()
          for column in criteria { list.append(evaluator.truth(column[row])) }
          truths = list
        }
        let (tiers, outcome) = tierTable.tiersAndOutcome(truths)
        verdicts.appendEvaluated(criteria: truths, tiers: tiers, outcome: outcome)
        for column in reported { verdicts.appendReported(column[row], of: evaluator) }
      }
    }
  }
}

extension BatchRow {
  /// The only row of a batch of one `record`, with `roots` computed.
  init(evaluating record: Record, _ roots: [Int], _ plan: Plan, _ asOf: CivilDate) {
    let evaluator = BatchEvaluator(plan: plan, asOf: asOf, width: 1)
    evaluator.run([record], checks: [], roots: roots) { _ in }
    self.init(evaluator: evaluator, row: 0)
  }
}
