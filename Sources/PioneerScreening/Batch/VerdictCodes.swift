import PioneerRules

/// A verdict's outcome, criterion truths and reported values as small codes packed into two
/// words: what a report that writes every row, and the summary that counts every row, read
/// of a verdict.
///
/// A batch works the codes out once per row, where it is screened; reading the verdict's
/// parts instead costs a call and a `Value` copy per part, and a branch per truth, in each of
/// the two readers. A verdict whose parts do not fit (more than `criterionCapacity`
/// criteria, more than `reportedCapacity` reported values, a reported value that is not
/// undecided, a boolean or a member below `memberCapacity`) has no codes, and its readers
/// read the verdict itself.
public struct VerdictCodes: Sendable, Hashable {
  // Computed, not stored: inlined into other modules, a stored `static let` is read through
  // its lazy initialiser.

  /// The most criteria whose truths fit in `criteria`.
  @inlinable public static var criterionCapacity: Int { 32 }
  /// The most reported values whose codes fit in `reported`.
  @inlinable public static var reportedCapacity: Int { 8 }
  /// Members whose index is below this have a code (a code is a byte).
  @inlinable public static var memberCapacity: Int { 253 }

  /// The verdict's outcome.
  public let outcome: Outcome
  /// Criterion `i`'s truth in bits `2i…2i+1` (`code(of:)` of a truth); zero bits past the
  /// last criterion.
  public let criteria: UInt64
  /// Reported value `p`'s code in bits `8p…8p+7` (`code(of:)` of a value); zero bits past the
  /// last value.
  public let reported: UInt64
  /// The number of criteria and of reported values coded.
  public let criterionCount: Int
  public let reportedCount: Int

  /// The codes of a verdict with `outcome`, `criteria` and `reported` values; nil when they do
  /// not fit.
  public init?(outcome: Outcome, criteria: TruthList, reported: [Value]) {
    self.init(
      outcome: outcome, criteria: criteria, reportedCount: reported.count,
      reported: { reported[safe: $0] })
  }

  /// The codes of a verdict whose reported value `p` is `reported(p)`, for `p` below
  /// `reportedCount`; nil when they do not fit (or a value is absent).
  @inline(__always)
  init?(
    outcome: Outcome, criteria: TruthList, reportedCount: Int, reported: (Int) -> Value?
  ) {
    let criterionCount = criteria.count
    guard criterionCount <= VerdictCodes.criterionCapacity,
      reportedCount >= 0 && reportedCount <= VerdictCodes.reportedCapacity,
      let truths = VerdictCodes.truthCodes(criteria)
    else { return nil }
    var values: UInt64 = 0
    for position in 0..<reportedCount {
      guard let value = reported(position), let code = VerdictCodes.code(of: value) else {
        return nil
      }
      values |= UInt64(truncatingIfNeeded: code) &<< (8 &* position)
    }
    self.outcome = outcome
    self.criteria = truths
    self.reported = values
    self.criterionCount = criterionCount
    self.reportedCount = reportedCount
  }

  /// The truth codes of `criteria`, from the list's own packed codes (no 0, yes 1, unknown
  /// 2): the low bit of each code becomes "neither yes nor unknown", the high bit stays. Nil
  /// for a list too long to pack, which has more than `criterionCapacity` truths anyway.
  @inline(__always)
  static func truthCodes(_ criteria: TruthList) -> UInt64? {
    guard let packed = criteria.packedCodes else { return nil }
    let lowBits: UInt64 = 0x5555_5555_5555_5555
    // A full word has no bit past it to mask (and `&<<` by 64 would shift by 0).
    let used = criteria.count >= 32 ? lowBits : lowBits & ((1 &<< (2 &* criteria.count)) &- 1)
    let yes = packed & lowBits
    let unknown = (packed &>> 1) & lowBits
    return (~(yes | unknown) & used) | (unknown &<< 1)
  }

  /// A truth's code: 0 yes, 1 no, 2 unknown (so a criterion that passes adds nothing).
  @inlinable
  public static func code(of truth: Truth) -> Int {
    switch truth {
    case .yes: return 0
    case .no: return 1
    case .unknown: return 2
    }
  }

  /// A reported value's code: 0 undecided (missing, or one of several), 1 false, 2 true,
  /// 3 + the index of a member below `memberCapacity`; nil for any other value.
  @inlinable
  public static func code(of value: Value) -> Int? {
    switch value {
    case .missing, .oneOf: return 0
    case .boolean(let value): return value ? 2 : 1
    case .member(let index) where index >= 0 && index < memberCapacity: return 3 &+ index
    default: return nil
    }
  }

  /// The code of criterion `index`'s truth (0 past the last criterion).
  @inlinable
  public func criterionCode(_ index: Int) -> Int {
    guard index >= 0 && index < VerdictCodes.criterionCapacity else { return 0 }
    return Int(truncatingIfNeeded: (criteria &>> (2 &* index)) & 0b11)
  }

  /// The code of reported value `position` (0 past the last value).
  @inlinable
  public func reportedCode(_ position: Int) -> Int {
    guard position >= 0 && position < VerdictCodes.reportedCapacity else { return 0 }
    return Int(truncatingIfNeeded: (reported &>> (8 &* position)) & 0xFF)
  }
}
