/// The result of evaluating one valid record against a rule set.
public struct Verdict: Hashable, Sendable {
  /// One truth per criterion, in `RuleSet.criteria` order.
  public let criteria: [Truth]
  /// One truth per tier, in `RuleSet.tiers` order (a tier includes the tiers it requires).
  public let tiers: [Truth]
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
    var evaluator = Evaluator(
      plan: plan, record: record, asOf: asOf ?? defaultReferenceDate, observer: observer)
    let results = criteria.map { evaluator.value(of: $0.condition.id).truth }
    var tierTruths: [Truth] = []
    for (index, tier) in tiers.enumerated() {
      var truth = tier.criteria.reduce(Truth.yes) { $0 && results[safe: $1] ?? .unknown }
      if let required = tier.requires, required < index { truth = tierTruths[required] && truth }
      tierTruths.append(truth)
    }
    // From the top: the first tier that holds is the outcome; an undecided one blocks it.
    var outcome = Outcome.notSelected
    for index in tierTruths.indices.reversed() {
      if tierTruths[index] == .yes {
        outcome = .tier(index)
        break
      }
      if tierTruths[index] == .unknown {
        outcome = .indeterminate
        break
      }
    }
    let reportedValues = reported.map { slot in
      evaluator.value(of: definitions[slot].expression.id)
    }
    return Verdict(criteria: results, tiers: tierTruths, outcome: outcome, reported: reportedValues)
  }

  /// The consistency checks a record definitely breaks (a check over a missing value holds).
  public func brokenChecks(_ record: Record, asOf: CivilDate? = nil) -> [ConsistencyCheck] {
    var evaluator = Evaluator(
      plan: plan, record: record, asOf: asOf ?? defaultReferenceDate, observer: nil)
    return checks.filter { evaluator.value(of: $0.condition.id).truth == .no }
  }

  /// The value of a definition for a record.
  public func value(of definition: Definition, in record: Record, asOf: CivilDate? = nil) -> Value {
    var evaluator = Evaluator(
      plan: plan, record: record, asOf: asOf ?? defaultReferenceDate, observer: nil)
    return evaluator.value(of: definition.expression.id)
  }
}
