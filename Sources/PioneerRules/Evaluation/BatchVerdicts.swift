/// What screening a `RecordBatch` gives, record by record, kept in flat arrays: the checks a
/// record breaks, or its verdict's truths, outcome and reported values.
///
/// A `Verdict` holds an array of its own; a batch of a thousand verdicts kept here costs a few
/// allocations, and a report reads each part in place. `verdict(at:)` makes the `Verdict` of a
/// record when one is wanted.
///
/// Entries and reported values hold no references (truths packed, values in plain form, any
/// value with a reference aside), so that recording one copies bytes and freeing the arrays
/// destroys nothing per record.
public struct BatchVerdicts: Sendable {
  /// Reported definitions per record.
  public let reportedCount: Int
  /// Each record's status, truths and outcome: one array, so that a record costs one append.
  private var entries: [Entry] = []
  /// `count × reportedCount` values, record after record (missing for a record not evaluated);
  /// a value that holds a reference is `boxed`, by index into `heldReported`.
  private var reported: [PlainValue] = []
  private var heldReported: [Value] = []
  /// The checks each inconsistent record breaks, by record index.
  private var broken: [Int: [Int]] = [:]
  /// The truths of an evaluated record whose lists are too long to pack, by record index.
  private var longTruths: [Int: (criteria: TruthList, tiers: TruthList)] = [:]

  private struct Entry {
    let status: Status
    let outcome: Outcome
    /// The criteria's and the tiers' packed codes and counts (`TruthList.packedCodes`);
    /// `packed` false when they are in `longTruths`.
    let criteria: UInt64
    let tiers: UInt64
    let criterionCount: Int32
    let tierCount: Int32
    let packed: Bool
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
    guard index >= 0 && index < entries.count, entries[index].status == .evaluated else {
      return nil
    }
    let entry = entries[index]
    guard entry.packed else { return longTruths[index]?.criteria ?? TruthList() }
    return TruthList(packedCodes: entry.criteria, count: Int(entry.criterionCount))
  }

  /// Record `index`'s value of reported definition `position` (in `RuleSet.reported` order);
  /// nil unless it was evaluated.
  public func reported(at index: Int, _ position: Int) -> Value? {
    guard isEvaluated(index), position >= 0 && position < reportedCount else { return nil }
    let offset = index * reportedCount + position
    guard offset >= 0 && offset < reported.count else { return nil }
    return value(reported[offset])
  }

  /// Record `index`'s verdict; nil unless it was evaluated.
  public func verdict(at index: Int) -> Verdict? {
    guard let truths = truths(at: index) else { return nil }
    let start = index * reportedCount
    return Verdict(
      criteria: truths.criteria, tiers: truths.tiers, outcome: entries[index].outcome,
      reported: reported[start..<start + reportedCount].map(value))
  }

  /// Record `index`'s criteria's and tiers' truths; nil unless it was evaluated.
  private func truths(at index: Int) -> (criteria: TruthList, tiers: TruthList)? {
    guard isEvaluated(index) else { return nil }
    let entry = entries[index]
    guard entry.packed else { return longTruths[index] ?? (TruthList(), TruthList()) }
    return (
      TruthList(packedCodes: entry.criteria, count: Int(entry.criterionCount)),
      TruthList(packedCodes: entry.tiers, count: Int(entry.tierCount))
    )
  }

  /// The value a stored reported value stands for.
  @inline(__always)
  private func value(_ stored: PlainValue) -> Value {
    if case .boxed(let index) = stored { return heldReported[safe: index] ?? .missing }
    return stored.unboxed ?? .missing
  }

  // MARK: Filling

  /// Adds a record that was not screened.
  mutating func appendSkipped() {
    append(.skipped, TruthList(), TruthList(), .invalid)
    for _ in 0..<reportedCount { reported.append(PlainValue.missing) }
  }

  /// Adds records not screened until there are `count` (none when there are as many).
  public mutating func appendSkipped(upTo count: Int) {
    while self.count < count { appendSkipped() }
  }

  /// Adds a record that breaks `checks`.
  mutating func appendInconsistent(breaking checks: [Int]) {
    broken[count] = checks
    append(.inconsistent, TruthList(), TruthList(), .invalid)
    for _ in 0..<reportedCount { reported.append(PlainValue.missing) }
  }

  /// Adds an evaluated record; its `reportedCount` reported values follow through
  /// `appendReported`.
  @inline(__always)
  mutating func appendEvaluated(criteria: TruthList, tiers: TruthList, outcome: Outcome) {
    append(.evaluated, criteria, tiers, outcome)
  }

  /// Adds the next reported value of the record last added.
  mutating func appendReported(_ value: Value) {
    if let plain = PlainValue(value) {
      reported.append(plain)
    } else {
      heldReported.append(value)
      reported.append(.boxed(heldReported.count - 1))
    }
  }

  /// Adds the next reported value of the record last added, given in the plain form of
  /// `evaluator`, which holds it until its next chunk.
  mutating func appendReported(_ plain: PlainValue, of evaluator: BatchEvaluator) {
    guard !plain.isBoxed else { return appendReported(evaluator.value(plain)) }
    reported.append(plain)
  }

  @inline(__always)
  private mutating func append(
    _ status: Status, _ criteria: TruthList, _ tiers: TruthList, _ outcome: Outcome
  ) {
    guard let criteriaCodes = criteria.packedCodes, let tierCodes = tiers.packedCodes else {
      return appendLong(status, criteria, tiers, outcome)
    }
    entries.append(
      Entry(
        status: status, outcome: outcome, criteria: criteriaCodes, tiers: tierCodes,
        criterionCount: Int32(truncatingIfNeeded: criteria.count),
        tierCount: Int32(truncatingIfNeeded: tiers.count), packed: true))
  }

  /// `append` of truths too many to pack.
  @inline(never)
  private mutating func appendLong(
    _ status: Status, _ criteria: TruthList, _ tiers: TruthList, _ outcome: Outcome
  ) {
    longTruths[count] = (criteria, tiers)
    entries.append(
      Entry(
        status: status, outcome: outcome, criteria: 0, tiers: 0, criterionCount: 0,
        tierCount: 0, packed: false))
  }
}
