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
  /// Applicants by outcome code, for every outcome counted at least once.
  public var outcomeCounts: [String: Int] {
    guard let tally else { return [:] }
    var counts: [String: Int] = [:]
    for (index, count) in outcomeTally.enumerated() where count > 0 {
      counts[tally.code(ofOutcomeIndex: index), default: 0] += count
    }
    return counts
  }
  /// For each reported definition of enumeration type (size class): applicants by member
  /// name, `unknown` where undecided. Invalid rows are not counted.
  public var reportedCounts: [String: [String: Int]] {
    guard let tally else { return [:] }
    var counts: [String: [String: Int]] = [:]
    for (position, (_, name, members)) in tally.reportedEnumerations.enumerated()
    where position < reportedTally.count {
      for (index, count) in reportedTally[position].enumerated() where count > 0 {
        let member = index < members.count ? members[index] : "unknown"
        counts[name, default: [:]][member, default: 0] += count
      }
    }
    return counts
  }
  /// Criteria by id: how many applicants failed / were unknown on each.
  public var failedCounts: [String: Int] { criterionCounts(failedTally) }
  public var unknownCounts: [String: Int] { criterionCounts(unknownTally) }
  /// Header cells that match no column, reported once.
  public var unknownColumns: [String] = []
  /// How the input was decoded.
  public var encoding: String = ""
  /// SHA-256 of the input's bytes, as read.
  public var inputSHA256: String = ""

  public init() {}

  // The counts themselves, by position: a row adds to a few integers and hashes no string.
  // The String-keyed views above are built from these only when a report asks.

  /// The names the counts below are by, from the first `add`.
  private var tally: Tally?
  /// By outcome index: the tiers, then not_selected, indeterminate, invalid.
  private var outcomeTally: [Int] = []
  /// By criterion index.
  private var failedTally: [Int] = []
  private var unknownTally: [Int] = []
  /// By position in `Tally.reportedEnumerations`, then member index; the last is `unknown`.
  private var reportedTally: [[Int]] = []

  /// Counts one applicant; `tally` holds what the rule set names, worked out once (every call
  /// for one summary passes the same tally).
  mutating func add(_ applicant: ScreenedApplicant, tally: Tally) {
    count(applicant, tally: tally, by: 1)
  }

  /// Takes back the count of an applicant added before: a row counted with its batch
  /// (`ScreenedBatch.counts`) that then turns out to repeat an earlier row's id.
  mutating func remove(_ applicant: ScreenedApplicant, tally: Tally) {
    count(applicant, tally: tally, by: -1)
  }

  /// Counts the first `rowCount` rows of a screened batch by their `codes` where they have
  /// them, else by their `verdicts` (a row without one is invalid): done on whichever thread
  /// screened the batch.
  ///
  /// A row with codes adds one to a histogram per four criteria (by the byte of their truth
  /// codes) and one per reported enumeration (by its value's code), with no branch per
  /// truth; the histograms are turned into counts once per batch.
  mutating func add(
    _ codes: [VerdictCodes?], verdicts: BatchVerdicts, rows rowCount: Int, tally: Tally
  ) {
    if self.tally == nil { start(tally) }
    let criterionCount = min(failedTally.count, unknownTally.count)
    let groupCount = (criterionCount &+ 3) / 4
    let positions = tally.reportedPositions
    // A row's codes must hold every position counted (as its verdict would).
    let reportedNeeded = (positions.max() ?? -1) &+ 1
    // Counted in local arrays: a stored array is checked for uniqueness at every write.
    var outcomeCounts = [Int](repeating: 0, count: outcomeTally.count)
    var criteriaHistogram = [Int](repeating: 0, count: groupCount &* 256)
    var reportedHistogram = [Int](repeating: 0, count: positions.count &* 256)
    var coded = 0
    for index in 0..<max(rowCount, 0) {
      // Codes of as many criteria as the counts (at most 32) fill at most eight groups.
      guard let row = codes[safe: index] ?? nil, row.criterionCount == criterionCount,
        row.reportedCount >= reportedNeeded
      else {
        count(
          outcome: verdicts.outcome(at: index), criteria: verdicts.criteria(at: index),
          reported: { verdicts.reported(at: index, $0) }, tally: tally, by: 1)
        continue
      }
      coded &+= 1
      let outcomeIndex = tally.index(of: row.outcome)
      if outcomeIndex < outcomeCounts.count { outcomeCounts[outcomeIndex] &+= 1 }
      // Masked to a byte, each index is below its group's 256 entries.
      var truths = row.criteria
      for group in 0..<groupCount {
        criteriaHistogram[group &<< 8 | Int(truncatingIfNeeded: truths & 0xFF)] &+= 1
        truths &>>= 8
      }
      for (index, position) in positions.enumerated() {
        reportedHistogram[index &<< 8 | row.reportedCode(position)] &+= 1
      }
    }
    rows &+= coded
    evaluated &+= coded
    ScreeningSummary.add(outcomeCounts, to: &outcomeTally)
    for group in 0..<groupCount {
      for byte in 0..<256 {
        let hits = criteriaHistogram[group &<< 8 | byte]
        guard hits > 0 else { continue }
        for column in 0..<4 {
          let criterion = group &* 4 &+ column
          guard criterion < criterionCount else { break }
          switch (byte &>> (2 &* column)) & 0b11 {
          case 1: failedTally[criterion] &+= hits
          case 2: unknownTally[criterion] &+= hits
          default: break
          }
        }
      }
    }
    let memberCounts = tally.reportedMemberCounts
    for index in 0..<min(positions.count, memberCounts.count, reportedTally.count) {
      let members = memberCounts[index]
      for code in 0..<256 {
        let hits = reportedHistogram[index &<< 8 | code]
        guard hits > 0 else { continue }
        // Undecided, and anything but a member (as `count` counts it): the `unknown` count.
        let member = code &- 3
        let slot = member >= 0 && member < members ? member : members
        if slot < reportedTally[index].count { reportedTally[index][slot] &+= hits }
      }
    }
  }

  private mutating func count(_ applicant: ScreenedApplicant, tally: Tally, by step: Int) {
    // Read in place: making the applicant's `Verdict` would copy its reported values.
    count(
      outcome: applicant.outcome, criteria: applicant.criteria, reported: applicant.reported,
      tally: tally, by: step)
  }

  /// Adds `step` (1, or -1 to take a row back) to the counts of one row with `outcome`,
  /// `criteria` (nil: not evaluated) and `reported` values by position.
  @inline(__always)
  private mutating func count(
    outcome: Outcome, criteria: TruthList?, reported: (Int) -> Value?, tally: Tally,
    by step: Int
  ) {
    if self.tally == nil { start(tally) }
    rows += step
    let outcomeIndex = tally.index(of: outcome)
    if outcomeIndex < outcomeTally.count { outcomeTally[outcomeIndex] += step }
    guard let criteria else {
      invalid += step
      return
    }
    evaluated += step
    // Plain index loops over plain integers: this runs for every row of a file.
    for index in 0..<min(criteria.count, failedTally.count, unknownTally.count) {
      switch criteria[index] {
      case .yes: break
      case .no: failedTally[index] += step
      case .unknown: unknownTally[index] += step
      }
    }
    let memberCounts = tally.reportedMemberCounts
    for position in 0..<min(memberCounts.count, reportedTally.count) {
      guard let value = reported(tally.reportedPositions[position]) else { continue }
      let members = memberCounts[position]
      var index = members  // undecided: the `unknown` count
      if case .member(let member) = value, member >= 0, member < members { index = member }
      if index < reportedTally[position].count { reportedTally[position][index] += step }
    }
  }

  /// Sizes the counts for `tally`'s rule set.
  private mutating func start(_ tally: Tally) {
    self.tally = tally
    outcomeTally = Array(repeating: 0, count: tally.outcomeCount)
    failedTally = Array(repeating: 0, count: tally.criterionIDs.count)
    unknownTally = failedTally
    reportedTally = tally.reportedEnumerations.map {
      Array(repeating: 0, count: $0.2.count + 1)
    }
  }

  private func criterionCounts(_ counts: [Int]) -> [String: Int] {
    guard let tally else { return [:] }
    var result: [String: Int] = [:]
    for (index, count) in counts.enumerated() where count > 0 && index < tally.criterionIDs.count {
      result[tally.criterionIDs[index], default: 0] += count
    }
    return result
  }

  /// The names a summary counts by, read off the rule set once per run.
  struct Tally: Sendable {
    /// Codes of the tiers, then of not_selected, indeterminate and invalid, as the rule set
    /// names them.
    let outcomeCodes: [String]
    private let otherCodes: [String]
    let criterionIDs: [String]
    /// Reported definitions of enumeration type: position in `Verdict.reported`, name, member
    /// names.
    let reportedEnumerations: [(Int, String, [String])]
    /// The position and member count of each of `reportedEnumerations`, in arrays of their
    /// own: all that counting a row reads of them.
    let reportedPositions: [Int]
    let reportedMemberCounts: [Int]

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
      reportedPositions = reportedEnumerations.map(\.0)
      reportedMemberCounts = reportedEnumerations.map(\.2.count)
    }

    /// How many outcomes there are: the tiers and the three others.
    var outcomeCount: Int { outcomeCodes.count + otherCodes.count }

    /// The position of an outcome among the counts: tiers first, then the others.
    func index(of outcome: Outcome) -> Int {
      switch outcome {
      case .tier(let index): return index >= 0 && index < outcomeCodes.count ? index : outcomeCount
      case .notSelected: return outcomeCodes.count
      case .indeterminate: return outcomeCodes.count + 1
      case .invalid: return outcomeCodes.count + 2
      }
    }

    /// The code of the outcome at `index` (see `index(of:)`).
    func code(ofOutcomeIndex index: Int) -> String {
      if index < outcomeCodes.count { return outcomeCodes[index] }
      return otherCodes[safe: index - outcomeCodes.count] ?? "tier"
    }
  }

  /// Adds another part's counts (parallel screening merges chunk summaries); both parts
  /// must count with the same rule set's tally.
  mutating func merge(_ other: ScreeningSummary) {
    rows += other.rows
    evaluated += other.evaluated
    invalid += other.invalid
    skippedBlank += other.skippedBlank
    guard let otherTally = other.tally else { return }
    if tally == nil { start(otherTally) }
    ScreeningSummary.add(other.outcomeTally, to: &outcomeTally)
    ScreeningSummary.add(other.failedTally, to: &failedTally)
    ScreeningSummary.add(other.unknownTally, to: &unknownTally)
    for (position, counts) in other.reportedTally.enumerated() where position < reportedTally.count
    {
      ScreeningSummary.add(counts, to: &reportedTally[position])
    }
  }

  private static func add(_ counts: [Int], to total: inout [Int]) {
    for (index, count) in counts.enumerated() where index < total.count { total[index] += count }
  }
}
