/// How the criteria's truths make each tier's truth and the outcome: a tier holds when each of
/// its own criteria and the tier it requires hold (in Kleene logic), and the outcome is the
/// highest tier that holds, blocked by an undecided one above it.
///
/// Worked out once per plan. A verdict of a rule set with at most
/// `TruthList.packedCapacity` criteria (any of the award's size) is read off the criteria's
/// packed word with one mask per tier, for every record of a file; a longer list takes the
/// criterion-by-criterion path, which is the definition the masks follow.
struct TierTable: Sendable {
  /// Each tier's own criteria (indices into the criteria) and the tier it requires.
  let tierCriteria: [[Int]]
  let tierRequires: [Int?]
  /// The number of criteria the masks were made for.
  private let criterionCount: Int
  /// Per tier, what its code is made of; nil when a tier names a criterion beyond
  /// `criterionCount` or there are too many to pack.
  private let steps: [Step]?

  /// A tier's criteria, as the low bit of each one's two-bit code in a packed `TruthList`,
  /// and the tier it requires, as the shift of that tier's code: worked out here so that a
  /// verdict's loop over the tiers does no bounds check or optional test.
  private struct Step {
    let mask: UInt64
    /// `noTier` when the tier requires none (or a tier at or above itself, which the
    /// definition ignores); `unknownTier` for a negative index, which reads as unknown.
    let requiredShift: UInt64

    static let noTier = UInt64.max
    static let unknownTier = UInt64.max - 1
  }

  init(tierCriteria: [[Int]], tierRequires: [Int?], criterionCount: Int) {
    self.tierCriteria = tierCriteria
    self.tierRequires = tierRequires
    self.criterionCount = criterionCount
    var steps: [Step]? = []
    if criterionCount > TruthList.packedCapacity || tierCriteria.count > TruthList.packedCapacity {
      steps = nil
    }
    for (index, criteria) in tierCriteria.enumerated() where steps != nil {
      var mask: UInt64 = 0
      for criterion in criteria {
        guard criterion >= 0 && criterion < criterionCount else {
          steps = nil
          break
        }
        mask |= 1 &<< UInt64(2 * criterion)
      }
      var requiredShift = Step.noTier
      if let required = tierRequires[safe: index] ?? nil, required < index {
        requiredShift = required >= 0 ? UInt64(2 * required) : Step.unknownTier
      }
      steps?.append(Step(mask: mask, requiredShift: requiredShift))
    }
    self.steps = steps
  }

  /// Each tier's truth, given each criterion's, and the outcome they give.
  func tiersAndOutcome(_ criteria: TruthList) -> (tiers: TruthList, outcome: Outcome) {
    if let steps, let packed = criteria.packedCodes, criteria.count == criterionCount {
      // Code 0 is no, 1 yes, 2 unknown: the low bit marks yes, the high bit unknown.
      let yes = packed & TierTable.lowBits
      let unknown = (packed >> 1) & TierTable.lowBits
      let no = ~(yes | unknown) & TierTable.lowBits
      var codes: UInt64 = 0
      var shift: UInt64 = 0
      for step in steps {
        var code: UInt64 = no & step.mask != 0 ? 0 : (unknown & step.mask != 0 ? 2 : 1)
        if step.requiredShift != Step.noTier && code != 0 {
          // Kleene `and` of the codes: no (0) wins, then unknown (2).
          let requiredCode =
            step.requiredShift == Step.unknownTier ? 2 : (codes >> step.requiredShift) & 0b11
          code = requiredCode == 0 ? 0 : max(code, requiredCode)
        }
        codes |= code &<< shift
        shift &+= 2
      }
      return (TruthList(packedCodes: codes, count: steps.count), TierTable.outcome(codes))
    }
    var tiers = TruthList()
    for (index, ownCriteria) in tierCriteria.enumerated() {
      var truth = Truth.yes
      for criterion in ownCriteria { truth = truth && (criteria[safe: criterion] ?? .unknown) }
      if let required = tierRequires[safe: index] ?? nil, required < index {
        truth = tiers[required] && truth
      }
      tiers.append(truth)
    }
    return (tiers, TierTable.outcome(tiers))
  }

  /// `outcome` of the tiers whose packed codes are `codes` (zero past the last tier): the
  /// highest tier whose code is not no decides, without a loop over the tiers.
  @inline(__always)
  private static func outcome(_ codes: UInt64) -> Outcome {
    let notNo = (codes | codes >> 1) & TierTable.lowBits
    guard notNo != 0 else { return .notSelected }
    let index = (UInt64.bitWidth - 1 - notNo.leadingZeroBitCount) / 2
    return (codes >> UInt64(2 * index)) & 1 == 1 ? .tier(index) : .indeterminate
  }

  /// From the top: the first tier that holds is the outcome; an undecided one blocks it.
  private static func outcome(_ tiers: TruthList) -> Outcome {
    for index in tiers.indices.reversed() {
      switch tiers[index] {
      case .yes: return .tier(index)
      case .unknown: return .indeterminate
      case .no: continue
      }
    }
    return .notSelected
  }

  /// The low bit of every two-bit code.
  private static let lowBits: UInt64 = 0x5555_5555_5555_5555
}
