import PioneerRules
import Testing

@testable import PioneerScreening

@Suite struct MinisterRankingTests {
  /// Three reviews giving the sums `sums` (each review scores (s, 0, 0) is not allowed, so
  /// spread over the axes).
  func reviews(_ sums: [Int]) -> [[Int]] {
    sums.map { sum in [sum / 3 + (sum % 3 > 0 ? 1 : 0), sum / 3 + (sum % 3 > 1 ? 1 : 0), sum / 3] }
  }

  @Test func scoreIsTheExactMeanOfWeightedSums() throws {
    let score = try #require(
      MinisterRanking.meanScore([[5, 4, 4], [4, 4, 4], [4, 4, 4]], axes: Fixtures.award.axes))
    #expect(score == ExactNumber(numerator: 37, denominator: 3))
    #expect(score.fixed(2) == "12.33")
  }

  @Test func equalScoresShareARankAndTheNextRankSkips() {
    let ranking = MinisterRanking(
      eligible: ["a", "b", "c", "d"],
      reviews: [
        "a": reviews([15, 15, 15]), "b": reviews([12, 12, 12]), "c": reviews([12, 12, 12]),
        "d": reviews([9, 9, 9]),
      ],
      award: Fixtures.award, winners: 5)
    #expect(ranking.ranked.map(\.rank) == [1, 2, 2, 4])
    #expect(ranking.ranked.map(\.applicantID) == ["a", "b", "c", "d"])
  }

  @Test func tieAtTheBoundaryListsEveryTiedApplicantAndFlagsThem() {
    let ranking = MinisterRanking(
      eligible: ["a", "b", "c", "d"],
      reviews: [
        "a": reviews([15, 15, 15]), "b": reviews([12, 12, 12]), "c": reviews([12, 12, 12]),
        "d": reviews([9, 9, 9]),
      ],
      award: Fixtures.award, winners: 2)
    #expect(ranking.ranked.filter(\.awarded).map(\.applicantID) == ["a", "b", "c"])
    #expect(ranking.ranked.filter(\.tiedAtBoundary).map(\.applicantID) == ["b", "c"])
    #expect(!ranking.ranked[0].tiedAtBoundary)
  }

  @Test func tieInsideTheListIsNotABoundaryTie() {
    let ranking = MinisterRanking(
      eligible: ["a", "b", "c"],
      reviews: [
        "a": reviews([15, 15, 15]), "b": reviews([15, 15, 15]), "c": reviews([9, 9, 9]),
      ],
      award: Fixtures.award, winners: 2)
    #expect(ranking.ranked.filter(\.awarded).count == 2)
    #expect(ranking.ranked.allSatisfy { !$0.tiedAtBoundary })
  }

  @Test func applicantsWithTooFewReviewsAreUnranked() {
    let ranking = MinisterRanking(
      eligible: ["a", "b", "c"], reviews: ["a": reviews([15, 15, 15]), "b": reviews([15, 15])],
      award: Fixtures.award)
    #expect(ranking.ranked.map(\.applicantID) == ["a"])
    #expect(ranking.unranked.map(\.applicantID) == ["b", "c"])
    #expect(ranking.unranked.map(\.reviewCount) == [2, 0])
  }

  @Test func winnersBeyondTheRankedCountAwardsEveryRankedApplicant() {
    let ranking = MinisterRanking(
      eligible: ["a", "b"], reviews: ["a": reviews([15, 15, 15]), "b": reviews([3, 3, 3])],
      award: Fixtures.award, winners: 10)
    #expect(ranking.ranked.allSatisfy { $0.awarded && !$0.tiedAtBoundary })
  }
}
