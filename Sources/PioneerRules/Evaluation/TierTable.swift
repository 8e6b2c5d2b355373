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
  /// Per tier, the low bit of each of its criteria's two-bit codes in a packed `TruthList`;
  /// nil when a tier names a criterion beyond `criterionCount` or there are too many to pack.
  private let masks: [UInt64]?

  init(tierCriteria: [[Int]], tierRequires: [Int?], criterionCount: Int) {
    self.tierCriteria = tierCriteria
    self.tierRequires = tierRequires
    self.criterionCount = criterionCount
    var masks: [UInt64]? = []
    if criterionCount > TruthList.packedCapacity || tierCriteria.count > TruthList.packedCapacity {
      masks = nil
    }
    for criteria in tierCriteria where masks != nil {
      var mask: UInt64 = 0
      for criterion in criteria {
        guard criterion >= 0 && criterion < criterionCount else {
          masks = nil
          break
        }
        mask |= 1 &<< UInt64(2 * criterion)
      }
      masks?.append(mask)
    }
    self.masks = masks
  }

  /// Each tier's truth, given each criterion's, and the outcome they give.
  func tiersAndOutcome(_ criteria: TruthList) -> (tiers: TruthList, outcome: Outcome) {
    if let masks, let packed = criteria.packedCodes, criteria.count == criterionCount {
      // Code 0 is no, 1 yes, 2 unknown: the low bit marks yes, the high bit unknown.
      let yes = packed & TierTable.lowBits
      let unknown = (packed >> 1) & TierTable.lowBits
      let no = ~(yes | unknown) & TierTable.lowBits
      var codes: UInt64 = 0
      for (index, mask) in masks.enumerated() {
        var code: UInt64 = no & mask != 0 ? 0 : (unknown & mask != 0 ? 2 : 1)
        if let required = tierRequires[safe: index] ?? nil, required < index, code != 0 {
          // Kleene `and` of the codes: no (0) wins, then unknown (2).
          let requiredCode = (codes >> UInt64(2 * required)) & 0b11
          code = requiredCode == 0 ? 0 : max(code, requiredCode)
        }
        codes |= code << UInt64(2 * index)
      }
      return (
        TruthList(packedCodes: codes, count: masks.count), TierTable.outcome(codes, masks.count)
      )
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

  /// `outcome` of the `count` tiers whose packed codes are `codes`.
  @inline(__always)
  private static func outcome(_ codes: UInt64, _ count: Int) -> Outcome {
    var index = count - 1
    while index >= 0 {
      switch (codes >> UInt64(2 * index)) & 0b11 {
      case 1: return .tier(index)
      case 2: return .indeterminate
      default: index -= 1
      }
    }
    return .notSelected
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
