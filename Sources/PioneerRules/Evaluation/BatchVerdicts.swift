/// What screening a `RecordBatch` gives, record by record, kept in flat arrays: the checks a
/// record breaks, or its verdict's truths, outcome and reported values.
///
/// A `Verdict` holds an array of its own; a batch of a thousand verdicts kept here costs a few
/// allocations, and a report reads each part in place. `verdict(at:)` makes the `Verdict` of a
/// record when one is wanted.
public struct BatchVerdicts: Sendable {
  /// Reported definitions per record.
  public let reportedCount: Int
  /// Each record's status, truths and outcome: one array, so that a record costs one append.
  private var entries: [Entry] = []
  /// `count × reportedCount` values, record after record (missing for a record not evaluated).
  private var reported: [Value] = []
  /// The checks each inconsistent record breaks, by record index.
  private var broken: [Int: [Int]] = [:]

  private struct Entry {
    let status: Status
    let outcome: Outcome
    let criteria: TruthList
    let tiers: TruthList
  }

  private enum Status: UInt8 {
    /// Not screened: the intake found the row invalid.
    case skipped
    case inconsistent
    case evaluated
  }

  /// No verdicts yet, for records of a rule set with `reportedCount` reported definitions.
  init(reportedCount: Int, capacity: Int) {
    self.reportedCount = max(0, reportedCount)
    entries.reserveCapacity(capacity)
    reported.reserveCapacity(capacity * self.reportedCount)
  }

  /// The number of records.
  public var count: Int { entries.count }

  /// Whether record `index` was evaluated (it breaks no check).
  public func isEvaluated(_ index: Int) -> Bool { entries[safe: index]?.status == .evaluated }

  /// Indices into `RuleSet.checks` of the checks record `index` breaks; nil unless it is
  /// inconsistent.
  public func brokenChecks(at index: Int) -> [Int]? {
    entries[safe: index]?.status == .inconsistent ? broken[index] ?? [] : nil
  }

  /// Record `index`'s outcome: `invalid` unless it was evaluated.
  public func outcome(at index: Int) -> Outcome {
    isEvaluated(index) ? entries[index].outcome : .invalid
  }

  /// Record `index`'s truth for each criterion; nil unless it was evaluated.
  public func criteria(at index: Int) -> TruthList? {
    isEvaluated(index) ? entries[index].criteria : nil
  }

  /// Record `index`'s value of reported definition `position` (in `RuleSet.reported` order);
  /// nil unless it was evaluated.
  public func reported(at index: Int, _ position: Int) -> Value? {
    guard isEvaluated(index), position >= 0 && position < reportedCount else { return nil }
    return reported[safe: index * reportedCount + position]
  }

  /// Record `index`'s verdict; nil unless it was evaluated.
  public func verdict(at index: Int) -> Verdict? {
    guard isEvaluated(index) else { return nil }
    let start = index * reportedCount
    let entry = entries[index]
    return Verdict(
      criteria: entry.criteria, tiers: entry.tiers, outcome: entry.outcome,
      reported: Array(reported[start..<start + reportedCount]))
  }

  // MARK: Filling

  /// Adds a record that was not screened.
  mutating func appendSkipped() {
    append(.skipped, TruthList(), TruthList(), .invalid)
    for _ in 0..<reportedCount { reported.append(.missing) }
  }

  /// Adds a record that breaks `checks`.
  mutating func appendInconsistent(breaking checks: [Int]) {
    broken[count] = checks
    append(.inconsistent, TruthList(), TruthList(), .invalid)
    for _ in 0..<reportedCount { reported.append(.missing) }
  }

  /// Adds an evaluated record; its `reportedCount` reported values follow through
  /// `appendReported`.
  mutating func appendEvaluated(criteria: TruthList, tiers: TruthList, outcome: Outcome) {
    append(.evaluated, criteria, tiers, outcome)
  }

  /// Adds the next reported value of the record last added.
  mutating func appendReported(_ value: Value) {
    reported.append(value)
  }

  private mutating func append(
    _ status: Status, _ criteria: TruthList, _ tiers: TruthList, _ outcome: Outcome
  ) {
    entries.append(Entry(status: status, outcome: outcome, criteria: criteria, tiers: tiers))
  }
}
