import PioneerRules
import PioneerScreening

/// The selection list in the committee's order, shared by every format: 総務大臣賞 (ranked),
/// 百選, 先駆者, then 判定不能 and 無効 to follow up, then 百選 with too few reviews.
struct SelectionList {
  enum Section: CaseIterable {
    case minister, tier, followUp, unranked
  }

  struct Row {
    let applicant: ScreenedApplicant
    /// `minister`, or the screening outcome's code.
    let outcomeCode: String
    let outcomeLabel: String
    let entry: MinisterRanking.Entry?
    let reviewCount: Int
  }

  let selection: Selection
  let context: ReportContext
  /// Sections with their titles and rows, in order; empty sections included.
  let sections: [(title: String, rows: [Row])]
  /// Every applicant once, in input order.
  let inputOrder: [Row]

  init(_ selection: Selection, context: ReportContext) {
    self.selection = selection
    self.context = context
    let ruleSet = context.ruleSet
    let language = context.language
    let awardLabel = selection.award.label.text(language)
    let unrankedCounts = Dictionary(
      selection.ranking.unranked.map { ($0.applicantID, $0.reviewCount) },
      uniquingKeysWith: { a, _ in a })
    func row(_ applicant: ScreenedApplicant) -> Row {
      // Ranking is by id; an invalid row repeating a ranked id is not that applicant.
      let valid = applicant.isEvaluated
      let entry = valid ? selection.entry(for: applicant.id) : nil
      let awarded = entry?.awarded == true
      return Row(
        applicant: applicant,
        outcomeCode: awarded ? "minister" : ruleSet.code(of: applicant.outcome),
        outcomeLabel: awarded ? awardLabel : ruleSet.label(of: applicant.outcome, language),
        entry: entry,
        reviewCount: entry?.reviewCount ?? (valid ? unrankedCounts[applicant.id] : nil) ?? 0)
    }
    inputOrder = selection.applicants.map(row)
    let byID = Dictionary(inputOrder.map { ($0.applicant.id, $0) }, uniquingKeysWith: { a, _ in a })
    var sections: [(String, [Row])] = []
    let ministers = selection.ranking.ranked.filter(\.awarded).compactMap { byID[$0.applicantID] }
    sections.append((awardLabel, ministers))
    let unranked = Set(selection.ranking.unranked.map(\.applicantID))
    // Tiers from the highest: ranked but not awarded first (by rank), then the rest in input order.
    for tier in ruleSet.tiers.indices.reversed() {
      let members = inputOrder.filter {
        $0.outcomeCode != "minister" && $0.applicant.outcome == .tier(tier)
          && !unranked.contains($0.applicant.id)
      }
      let ranked = members.filter { $0.entry != nil }.sorted {
        ($0.entry?.rank ?? 0) < ($1.entry?.rank ?? 0)
      }
      sections.append(
        (ruleSet.tiers[tier].label.text(language), ranked + members.filter { $0.entry == nil }))
    }
    let followUp = inputOrder.filter {
      $0.applicant.outcome == .indeterminate || $0.applicant.outcome == .invalid
    }
    sections.append(
      (
        context.ja
          ? "要確認（\(ruleSet.label(of: .indeterminate, .ja))・\(ruleSet.label(of: .invalid, .ja))）"
          : "to follow up (indeterminate, invalid)", followUp
      ))
    let tooFew = selection.ranking.unranked.compactMap { byID[$0.applicantID] }
    sections.append(
      (
        context.ja
          ? "\(ruleSet.tiers[selection.award.tier].shortLabel)（審査数 \(selection.award.minimumReviews) 未満のため順位なし）"
          : "\(ruleSet.tiers[selection.award.tier].name), unranked (fewer than \(selection.award.minimumReviews) reviews)",
        tooFew
      ))
    self.sections = sections
  }

  func score(_ row: Row) -> String { row.entry?.score.fixed(2) ?? "" }

  func rank(_ row: Row) -> String { row.entry.map { String($0.rank) } ?? "" }

  func note(_ row: Row) -> String {
    var notes: [String] = []
    if row.entry?.tiedAtBoundary == true {
      notes.append(context.ja ? "同点（境界）: 委員会で確認" : "tied at the boundary: for the committee")
    }
    if row.applicant.outcome == .indeterminate || row.applicant.outcome == .invalid {
      notes.append(ApplicantCells(context).reasons(row.applicant).joined(separator: " / "))
    }
    return notes.joined(separator: "; ")
  }
}
