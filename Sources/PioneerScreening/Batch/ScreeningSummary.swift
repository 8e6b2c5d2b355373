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

  /// Counts one applicant.
  mutating func add(_ applicant: ScreenedApplicant, ruleSet: RuleSet) {
    rows += 1
    if applicant.verdict == nil { invalid += 1 } else { evaluated += 1 }
    outcomeCounts[ruleSet.code(of: applicant.outcome), default: 0] += 1
    guard let verdict = applicant.verdict else { return }
    for (slot, value) in zip(ruleSet.reported, verdict.reported) {
      let definition = ruleSet.definitions[slot]
      guard case .enumeration(let name) = definition.type,
        let enumeration = ruleSet.enumerations.first(where: { $0.name == name })
      else { continue }
      var key = "unknown"
      if case .member(let index) = value, index < enumeration.members.count {
        key = enumeration.members[index].name
      }
      reportedCounts[definition.name, default: [:]][key, default: 0] += 1
    }
    for (criterion, truth) in zip(ruleSet.criteria, verdict.criteria) {
      if truth == .no { failedCounts[criterion.id, default: 0] += 1 }
      if truth == .unknown { unknownCounts[criterion.id, default: 0] += 1 }
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
