import PioneerRules

/// Ranks the applicants eligible for the minister's award by their reviewers' scores
/// (criteria.md §8): an applicant's score is the exact mean over its valid reviews of the
/// weighted axis sum; equal scores share a rank (1, 2, 2, 4); the award goes to every ranked
/// applicant whose rank ≤ N, and a tie that carries the list past N is flagged for the
/// committee.
public struct MinisterRanking: Sendable {
  /// One applicant's place.
  public struct Entry: Sendable, Hashable {
    public let applicantID: String
    public let score: ExactNumber
    public let reviewCount: Int
    public let rank: Int
    /// Whether the rank is within the award's N.
    public let awarded: Bool
    /// Whether the applicant shares the boundary rank with others so that more than N are
    /// awarded.
    public let tiedAtBoundary: Bool
  }

  /// Ranked applicants, best first (equal scores in input order).
  public let ranked: [Entry]
  /// Eligible applicants with fewer valid reviews than the minimum, with their review counts.
  public let unranked: [(applicantID: String, reviewCount: Int)]

  /// - Parameters:
  ///   - eligible: applicant ids that may be ranked (the award's tier), in input order.
  ///   - reviews: valid reviews by applicant id: each review's score on each axis.
  ///   - award: the rule set's award settings.
  ///   - winners: N, overriding the rule set's.
  public init(
    eligible: [String], reviews: [String: [[Int]]], award: AwardSettings, winners: Int? = nil
  ) {
    let n = max(0, winners ?? award.winners)
    var scored: [(id: String, score: ExactNumber, count: Int)] = []
    var unranked: [(String, Int)] = []
    for id in eligible {
      let applicantReviews = reviews[id] ?? []
      guard applicantReviews.count >= award.minimumReviews,
        let score = MinisterRanking.meanScore(applicantReviews, axes: award.axes)
      else {
        unranked.append((id, applicantReviews.count))
        continue
      }
      scored.append((id, score, applicantReviews.count))
    }
    // Stable: equal scores keep input order.
    let order = scored.indices.sorted { a, b in
      scored[a].score != scored[b].score ? scored[a].score > scored[b].score : a < b
    }
    var ranks: [Int] = []
    for (position, index) in order.enumerated() {
      if position > 0, scored[order[position - 1]].score == scored[index].score {
        ranks.append(ranks[position - 1])
      } else {
        ranks.append(position + 1)
      }
    }
    let awardedCount = ranks.filter { $0 <= n }.count
    let boundaryRank = ranks.filter { $0 <= n }.max()
    self.ranked = order.enumerated().map { position, index in
      let rank = ranks[position]
      let awarded = rank <= n
      let tied = awarded && awardedCount > n && rank == boundaryRank
      return Entry(
        applicantID: scored[index].id, score: scored[index].score,
        reviewCount: scored[index].count, rank: rank, awarded: awarded, tiedAtBoundary: tied)
    }
    self.unranked = unranked
  }

  /// The mean of the weighted axis sums, exactly; nil for no reviews or on overflow.
  public static func meanScore(_ reviews: [[Int]], axes: [AwardSettings.Axis]) -> ExactNumber? {
    guard !reviews.isEmpty else { return nil }
    var total = ExactNumber.zero
    for review in reviews {
      for (axis, score) in zip(axes, review) {
        guard let weighted = axis.weight.multiplied(by: ExactNumber(Int64(score))),
          let sum = total.adding(weighted)
        else { return nil }
        total = sum
      }
    }
    return total.divided(by: ExactNumber(Int64(reviews.count)))
  }
}
