import PioneerRules

/// The year's selection list (criteria.md §8): every applicant once, in input order, with
/// its place: the minister's award (ranked), a tier, or a follow-up outcome.
public struct Selection: Sendable {
  public let applicants: [ScreenedApplicant]
  public let ranking: MinisterRanking
  /// Review rows invalid or ignored, in file order.
  public let reviewIssues: [ReviewIssue]
  public let award: AwardSettings
  /// N as applied (the option, else the rule set's).
  public let winners: Int

  /// Ranks the applicants eligible for the award by the valid reviews; reviews of unknown or
  /// ineligible applicants are reported and ignored.
  public init(
    applicants: [ScreenedApplicant], sheet: ReviewSheet, ruleSet: RuleSet, award: AwardSettings,
    winners: Int?
  ) {
    self.applicants = applicants
    self.award = award
    self.winners = winners ?? award.winners
    var byID: [String: ScreenedApplicant] = [:]
    for applicant in applicants where byID[applicant.id] == nil && applicant.isEvaluated {
      byID[applicant.id] = applicant
    }
    let tierLabel = ruleSet.tiers[award.tier].label
    var issues = sheet.issues
    var reviews: [String: [[Int]]] = [:]
    for review in sheet.reviews {
      guard let applicant = byID[review.applicantID] else {
        issues.append(
          ReviewIssue(line: review.line, kind: .unknownApplicant(id: review.applicantID)))
        continue
      }
      guard Selection.isEligible(applicant, tier: award.tier) else {
        issues.append(
          ReviewIssue(
            line: review.line,
            kind: .notEligible(
              id: review.applicantID, outcome: ruleSet.code(of: applicant.outcome), tier: tierLabel)
          ))
        continue
      }
      reviews[review.applicantID, default: []].append(review.scores)
    }
    self.reviewIssues = issues.sorted { $0.line < $1.line }
    let eligible = applicants.filter { Selection.isEligible($0, tier: award.tier) }.map(\.id)
    self.ranking = MinisterRanking(
      eligible: eligible, reviews: reviews, award: award, winners: winners)
  }

  static func isEligible(_ applicant: ScreenedApplicant, tier: Int) -> Bool {
    if case .tier(let reached) = applicant.outcome { return reached >= tier }
    return false
  }

  /// The ranking entry of an applicant, if ranked.
  public func entry(for id: String) -> MinisterRanking.Entry? {
    ranking.ranked.first { $0.applicantID == id }
  }
}
