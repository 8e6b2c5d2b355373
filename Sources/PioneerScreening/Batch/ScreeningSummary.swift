import PioneerRecords
import PioneerRules

/// Counts and facts about a whole screening run, for the summary and the audit block.
public struct ScreeningSummary: Sendable {
  /// Data rows read (blank records excluded).
  public var rows = 0
  public var evaluated = 0
  public var invalid = 0
  /// Records whose every field was empty.
  public var skippedBlank = 0
  /// Applicants by outcome code, for every outcome of the rule set.
  public var outcomeCounts: [String: Int] = [:]
  /// For each reported definition of enumeration type (size class): applicants by member
  /// name, `unknown` where undecided. Invalid rows are not counted.
  public var reportedCounts: [String: [String: Int]] = [:]
  /// Criteria by id: how many applicants failed / were unknown on each.
  public var failedCounts: [String: Int] = [:]
  public var unknownCounts: [String: Int] = [:]
  /// Header cells that match no column, reported once.
  public var unknownColumns: [String] = []
  /// How the input was decoded.
  public var encoding: String = ""
  /// SHA-256 of the input's bytes, as read.
  public var inputSHA256: String = ""

  public init() {}

  /// Counts one applicant; `tally` holds what the rule set names, worked out once.
  mutating func add(_ applicant: ScreenedApplicant, tally: Tally) {
    rows += 1
    if applicant.verdict == nil { invalid += 1 } else { evaluated += 1 }
    outcomeCounts[tally.code(of: applicant.outcome), default: 0] += 1
    guard let verdict = applicant.verdict else { return }
    for (index, truth) in verdict.criteria.enumerated()
    where truth != .yes && index < tally.criterionIDs.count {
      if truth == .no {
        failedCounts[tally.criterionIDs[index], default: 0] += 1
      } else {
        unknownCounts[tally.criterionIDs[index], default: 0] += 1
      }
    }
    for (position, name, members) in tally.reportedEnumerations
    where position < verdict.reported.count {
      var key = "unknown"
      if case .member(let index) = verdict.reported[position], index < members.count {
        key = members[index]
      }
      reportedCounts[name, default: [:]][key, default: 0] += 1
    }
  }

  /// The names a summary counts by, read off the rule set once per run.
  struct Tally {
    /// Codes of the tiers, then of not_selected, indeterminate and invalid, as the rule set
    /// names them.
    let outcomeCodes: [String]
    private let otherCodes: [String]
    let criterionIDs: [String]
    /// Reported definitions of enumeration type: position in `Verdict.reported`, name, member
    /// names.
    let reportedEnumerations: [(Int, String, [String])]

    init(_ ruleSet: RuleSet) {
      outcomeCodes = ruleSet.tiers.indices.map { ruleSet.code(of: .tier($0)) }
      otherCodes = [Outcome.notSelected, .indeterminate, .invalid].map { ruleSet.code(of: $0) }
      criterionIDs = ruleSet.criteria.map(\.id)
      reportedEnumerations = ruleSet.reported.enumerated().compactMap { position, slot in
        let definition = ruleSet.definitions[slot]
        guard case .enumeration(let name) = definition.type,
          let enumeration = ruleSet.enumerations.first(where: { $0.name == name })
        else { return nil }
        return (position, definition.name, enumeration.members.map(\.name))
      }
    }

    func code(of outcome: Outcome) -> String {
      switch outcome {
      case .tier(let index): return index < outcomeCodes.count ? outcomeCodes[index] : "tier"
      case .notSelected: return otherCodes[0]
      case .indeterminate: return otherCodes[1]
      case .invalid: return otherCodes[2]
      }
    }
  }

  /// Adds another part's counts (parallel screening merges chunk summaries).
  mutating func merge(_ other: ScreeningSummary) {
    rows += other.rows
    evaluated += other.evaluated
    invalid += other.invalid
    skippedBlank += other.skippedBlank
    outcomeCounts.merge(other.outcomeCounts, uniquingKeysWith: +)
    for (name, counts) in other.reportedCounts {
      reportedCounts[name, default: [:]].merge(counts, uniquingKeysWith: +)
    }
    failedCounts.merge(other.failedCounts, uniquingKeysWith: +)
    unknownCounts.merge(other.unknownCounts, uniquingKeysWith: +)
  }
}
