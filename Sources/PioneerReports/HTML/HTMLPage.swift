import PioneerRules
import PioneerScreening

/// Renders the HTML page (screening or selection) as one self-contained document.
///
/// - Nothing is loaded: no script, font, image or style sheet from anywhere. The
///   Content-Security-Policy says so (`default-src 'none'`) and allows only the page's own
///   style sheet, by its SHA-256; there is no script at all (the outcome filters are CSS).
/// - Every value from the input (ids, names, messages, explanations, the input path) is
///   escaped with `HTMLEscaping`; ids and classes built from rule-set names are slugs.
/// - The same input gives the same bytes: no clock, no randomness, no dictionary order.
enum HTMLPage {
  /// The page; `explain` (for tests) explains a record, as `ApplicantCells.explanation(of:)`
  /// does by default.
  static func render(
    context: ReportContext, applicants: [ScreenedApplicant], summary: ScreeningSummary,
    audit: AuditRecord, selection: SelectionList?, reviewsSHA256: String? = nil,
    explain: ((Record) -> ApplicantExplanation)? = nil
  ) -> String {
    HTMLPageWriter(
      context: context, applicants: applicants, summary: summary, audit: audit,
      selection: selection, reviewsSHA256: reviewsSHA256, explain: explain
    ).page()
  }

  /// The Content-Security-Policy for a page whose only style sheet is `css`.
  static func contentSecurityPolicy(css: String) -> String {
    let digest = SHA256.hash(Array(css.utf8))
    return "default-src 'none'; style-src 'sha256-\(base64(digest))'; base-uri 'none'; "
      + "form-action 'none'"
  }

  /// Standard base64 with padding (RFC 4648 §4).
  static func base64(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    var out = ""
    var index = 0
    while index < bytes.count {
      let chunk = bytes[index..<min(index + 3, bytes.count)]
      var group = 0
      for (offset, byte) in chunk.enumerated() { group |= Int(byte) << (16 - 8 * offset) }
      for position in 0..<4 {
        if position <= chunk.count {
          out.append(alphabet[(group >> (18 - 6 * position)) & 0x3F])
        } else {
          out.append("=")
        }
      }
      index += 3
    }
    return out
  }
}

/// One page being written; see `HTMLPage`.
struct HTMLPageWriter {
  let context: ReportContext
  let applicants: [ScreenedApplicant]
  let summary: ScreeningSummary
  let audit: AuditRecord
  let selection: SelectionList?
  let reviewsSHA256: String?
  let cells: ApplicantCells
  let formatter: ValueFormatter
  /// Each applicant's card id (`applicant-A-001`), by line (lines are unique per row).
  let anchors: [Int: String]
  /// Explains a record: the page's most expensive step, taken once per evaluated applicant.
  let explain: (Record) -> ApplicantExplanation

  init(
    context: ReportContext, applicants: [ScreenedApplicant], summary: ScreeningSummary,
    audit: AuditRecord, selection: SelectionList?, reviewsSHA256: String?,
    explain: ((Record) -> ApplicantExplanation)? = nil
  ) {
    self.context = context
    self.applicants = applicants
    self.summary = summary
    self.audit = audit
    self.selection = selection
    self.reviewsSHA256 = reviewsSHA256
    self.cells = ApplicantCells(context)
    self.formatter = ValueFormatter(ruleSet: context.ruleSet, language: context.language)
    self.anchors = HTMLPageWriter.anchors(for: applicants)
    let cells = self.cells
    self.explain = explain ?? { cells.explanation(of: $0) }
  }

  var ruleSet: RuleSet { context.ruleSet }
  var language: Language { context.language }

  // MARK: - Escaping and words

  func e(_ text: String) -> String { HTMLEscaping.text(text) }
  func a(_ value: String) -> String { HTMLEscaping.attribute(value) }
  /// One of the page's own words, escaped.
  func w(_ label: Label) -> String { HTMLEscaping.text(label.text(language)) }

  /// Card ids: `applicant-` + the 応募ID (whitespace made `_`); a row without an id, or whose
  /// id an earlier row already took, adds its line, so every id is unique.
  static func anchors(for applicants: [ScreenedApplicant]) -> [Int: String] {
    var used: Set<String> = []
    var anchors: [Int: String] = [:]
    for applicant in applicants {
      var id = ""
      for character in applicant.id {
        id.append(character.isWhitespace || character.isNewline ? "_" : character)
      }
      var anchor = id.isEmpty ? "applicant-line-\(applicant.line)" : "applicant-\(id)"
      if used.contains(anchor) { anchor += "-line-\(applicant.line)" }
      var candidate = anchor
      var suffix = 2
      while used.contains(candidate) {
        candidate = "\(anchor)-\(suffix)"
        suffix += 1
      }
      used.insert(candidate)
      anchors[applicant.line] = candidate
    }
    return anchors
  }

  func anchor(_ applicant: ScreenedApplicant) -> String {
    anchors[applicant.line] ?? "applicant-line-\(applicant.line)"
  }

  /// The outcome's name: the tier's short label in Japanese, its full label in English;
  /// the rule set's outcome labels for the others.
  func outcomeName(_ outcome: Outcome) -> String {
    guard language == .en else { return ruleSet.label(of: outcome, language) }
    let code = ruleSet.code(of: outcome)
    if case .tier(let index) = outcome, index >= 0, index < ruleSet.tiers.count {
      return ruleSet.tiers[index].label.en
    }
    return ruleSet.outcomeLabels[code]?.en ?? code
  }

  /// The colour family of an outcome: tiers counted from the highest, then the others.
  func tone(_ outcome: Outcome) -> String {
    switch outcome {
    case .tier(let index): return "tier\(min(2, max(0, ruleSet.tiers.count - 1 - index)))"
    case .notSelected: return "not_selected"
    case .indeterminate: return "indeterminate"
    case .invalid: return "invalid"
    }
  }

  func badge(_ outcome: Outcome) -> String {
    "<span class=\"badge tone-\(tone(outcome))\">\(e(outcomeName(outcome)))</span>"
  }

  var awardBadge: String {
    guard let selection else { return "" }
    return
      "<span class=\"badge tone-award\">\(e(selection.selection.award.label.text(language)))</span>"
  }

  func awarded(_ applicant: ScreenedApplicant) -> MinisterRanking.Entry? {
    guard let entry = selection?.selection.entry(for: applicant.id), entry.awarded,
      applicant.isEvaluated
    else { return nil }
    return entry
  }

  func mark(_ truth: Truth) -> String {
    switch truth {
    case .yes: return "<span class=\"mark mark-yes\">○</span>"
    case .no: return "<span class=\"mark mark-no\">×</span>"
    case .unknown: return "<span class=\"mark mark-unknown\">？</span>"
    }
  }

  func truthClass(_ truth: Truth) -> String {
    switch truth {
    case .yes: return "yes"
    case .no: return "no"
    case .unknown: return "unknown"
    }
  }

  // MARK: - Filters

  struct Filter {
    let key: String
    let label: String
    let count: Int
  }

  var filters: [Filter] {
    var filters = [
      Filter(key: HTMLStyle.allKey, label: HTMLWords.all.text(language), count: applicants.count)
    ]
    if let selection {
      let winners = selection.selection.ranking.ranked.filter(\.awarded).count
      filters.append(
        Filter(
          key: HTMLStyle.slug(selection.selection.award.name),
          label: selection.selection.award.label.text(language), count: winners))
    }
    for code in JSONReport.outcomeCodes(ruleSet) {
      guard let outcome = ruleSet.outcome(code: code) else { continue }
      filters.append(
        Filter(
          key: HTMLStyle.slug(code), label: outcomeName(outcome),
          count: summary.outcomeCounts[code] ?? 0))
    }
    return filters
  }

  /// The hidden radio inputs; they precede `.page` so that `:checked ~ .page …` can select.
  func filterInputs(_ filters: [Filter]) -> String {
    var out = ""
    for filter in filters {
      out += "<input type=\"radio\" name=\"outcome-filter\" class=\"filter-input\""
      out +=
        " id=\"filter-\(filter.key)\" aria-label=\"\(a(HTMLWords.show.text(language) + " " + filter.label))\""
      out += filter.key == HTMLStyle.allKey ? " checked>\n" : ">\n"
    }
    return out
  }

  /// A bar of labels for the radio inputs (several bars may share the inputs).
  func filterBar(_ filters: [Filter]) -> String {
    var out =
      "<div class=\"filters\" role=\"group\" aria-label=\"\(a(HTMLWords.show.text(language)))\">"
    out += "<span class=\"filters-title\">\(w(HTMLWords.show))</span>"
    for filter in filters {
      out += "<label for=\"filter-\(filter.key)\" data-filter-label=\"\(filter.key)\">"
      out += "\(e(filter.label)) <span class=\"num\">\(filter.count)</span></label>"
    }
    return out + "</div>\n"
  }

  /// `data-filter` words: the outcome code, and the award's name for its winners.
  func filterWords(_ applicant: ScreenedApplicant) -> String {
    var words = [HTMLStyle.slug(ruleSet.code(of: applicant.outcome))]
    if let selection, awarded(applicant) != nil {
      words.append(HTMLStyle.slug(selection.selection.award.name))
    }
    return words.joined(separator: " ")
  }

  // MARK: - The page

  func page() -> String {
    let filters = self.filters
    let css = HTMLStyle.css(filterKeys: filters.map(\.key))
    let title =
      ruleSet.label.text(language) + " — "
      + (selection == nil ? HTMLWords.screening : HTMLWords.selection).text(language)
    var out =
      "<!doctype html>\n<html lang=\"\(language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
    out +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"\(a(HTMLPage.contentSecurityPolicy(css: css)))\">\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    out += "<meta name=\"referrer\" content=\"no-referrer\">\n"
    out += "<title>\(e(title))</title>\n<style>\(css)</style>\n</head>\n<body>\n"
    out += filterInputs(filters)
    out += "<div class=\"page\">\n<header>\n<h1>\(e(title))</h1>\n"
    out += "<p class=\"subtitle\">\(e(audit.inputPath))"
    out += " · \(w(HTMLWords.referenceDate)) \(e(audit.referenceDate.description))</p>\n"
    out += tableOfContents()
    out += "</header>\n"
    out += summarySection()
    if let selection {
      out += ministerSection(selection)
      out += selectionSections(selection)
      out += reviewIssuesSection(selection)
      var cards = ""
      for applicant in applicants { cards += card(applicant, explanation(of: applicant)) }
      appendCardsSection(filters, cards: cards, to: &out)
    } else {
      // The table's reasons and the cards come from one explanation per applicant: explaining
      // is most of what the page costs.
      var rows = ""
      var cards = ""
      for applicant in applicants {
        let explanation = explanation(of: applicant)
        rows += applicantRow(applicant, explanation)
        cards += card(applicant, explanation)
      }
      appendApplicantTableSection(filters, rows: rows, to: &out)
      appendCardsSection(filters, cards: cards, to: &out)
    }
    out += auditSection()
    out += "</div>\n</body>\n</html>\n"
    return out
  }

  func tableOfContents() -> String {
    var entries: [(String, String)] = [("summary", HTMLWords.summary.text(language))]
    if let selection {
      entries.append(("minister-list", selection.selection.award.label.text(language)))
      entries.append(("selection-list", HTMLWords.sectionList.text(language)))
      entries.append(("review-issues", HTMLWords.reviewIssues.text(language)))
    } else {
      entries.append(("applicants", HTMLWords.applicantTable.text(language)))
    }
    entries.append(("cards", HTMLWords.cards.text(language)))
    entries.append(("audit", HTMLWords.audit.text(language)))
    var out = "<nav class=\"toc\" aria-label=\"\(a(HTMLWords.contents.text(language)))\"><ol>"
    for (id, label) in entries { out += "<li><a href=\"#\(id)\">\(e(label))</a></li>" }
    return out + "</ol></nav>\n"
  }

  // MARK: - Summary: counts and charts

  func summarySection() -> String {
    var out = "<section id=\"summary\">\n<h2>\(w(HTMLWords.summary))</h2>\n"
    for line in SummaryText.lines(summary, ruleSet: ruleSet, language: language) {
      out += "<p>\(e(line))</p>\n"
    }
    out += "<div class=\"grid\">\n<div>\n" + outcomeTable() + reportedTables() + "</div>\n"
    out += "<div>\n<figure>" + outcomeChart() + "</figure>\n"
    out += "<figure>" + criterionChart() + "</figure>\n"
    out += "<p class=\"chart-note\">\(w(HTMLWords.chartNote))</p>\n</div>\n</div>\n"
    out += criterionTable() + "</section>\n"
    return out
  }

  var outcomes: [(code: String, outcome: Outcome)] {
    JSONReport.outcomeCodes(ruleSet).compactMap { code in
      ruleSet.outcome(code: code).map { (code, $0) }
    }
  }

  func outcomeTable() -> String {
    var out = "<table class=\"counts\" id=\"outcome-counts\"><caption>\(w(HTMLWords.byOutcome))"
    out += "</caption>\n<thead><tr><th>\(w(HTMLWords.outcome))</th>"
    out += "<th class=\"num\">\(w(HTMLWords.count))</th></tr></thead>\n<tbody>\n"
    for (code, outcome) in outcomes {
      out += "<tr><th scope=\"row\">\(badge(outcome))</th>"
      out += "<td class=\"num count-big\" data-count-outcome=\"\(a(HTMLStyle.slug(code)))\">"
      out += "\(summary.outcomeCounts[code] ?? 0)</td></tr>\n"
    }
    out += "<tr><th scope=\"row\">\(w(HTMLWords.total))</th>"
    out += "<td class=\"num count-big\" data-count-total=\"rows\">\(summary.rows)</td></tr>\n"
    return out + "</tbody></table>\n"
  }

  /// One table per reported definition of enumeration type (size class), members in the
  /// rule file's order, then the undecided.
  func reportedTables() -> String {
    var out = ""
    for slot in ruleSet.reported {
      let definition = ruleSet.definitions[slot]
      guard case .enumeration(let name) = definition.type,
        let enumeration = ruleSet.enumerations.first(where: { $0.name == name })
      else { continue }
      let counts = summary.reportedCounts[definition.name] ?? [:]
      let key = HTMLStyle.slug(definition.name)
      out += "<table class=\"counts\" id=\"\(a(key))-counts\"><caption>"
      out += "\(e(definition.label.text(language)))</caption>\n<thead><tr>"
      out += "<th>\(e(definition.label.text(language)))</th>"
      out += "<th class=\"num\">\(w(HTMLWords.count))</th></tr></thead>\n<tbody>\n"
      var rows = enumeration.members.map { member in
        (
          label: member.text(language), key: member.english.isEmpty ? member.name : member.english,
          count: counts[member.name] ?? 0
        )
      }
      rows.append(
        (
          label: HTMLWords.unknownMember.text(language), key: "unknown",
          count: counts["unknown"] ?? 0
        ))
      for row in rows {
        out += "<tr><th scope=\"row\">\(e(row.label))</th><td class=\"num\""
        out += " data-count-reported=\"\(a(key + ":" + HTMLStyle.slug(row.key)))\">"
        out += "\(row.count)</td></tr>\n"
      }
      out += "</tbody></table>\n"
    }
    return out
  }

  func outcomeChart() -> String {
    let rows = outcomes.map { code, outcome in
      let count = summary.outcomeCounts[code] ?? 0
      return HTMLChart.Row(
        label: outcomeName(outcome), title: "\(outcomeName(outcome)): \(count)",
        segments: [HTMLChart.Segment(count: count, paint: "fill-\(tone(outcome))")],
        text: String(count), key: HTMLStyle.slug(code))
    }
    return "<figcaption>\(w(HTMLWords.byOutcome))</figcaption>"
      + HTMLChart.bars(rows, id: "chart-outcomes", title: HTMLWords.byOutcome.text(language))
  }

  func criterionChart() -> String {
    let failed = HTMLWords.chartFailed.text(language)
    let unknown = HTMLWords.chartUnknown.text(language)
    let hatch = "url(#hatch-unknown)"
    let rows = ruleSet.criteria.map { criterion in
      let no = summary.failedCounts[criterion.id] ?? 0
      let open = summary.unknownCounts[criterion.id] ?? 0
      return HTMLChart.Row(
        label: criterion.id,
        title:
          "\(criterion.id) \(criterion.label.text(language)): \(failed) \(no), \(unknown) \(open)",
        segments: [
          HTMLChart.Segment(count: no, paint: "fill-failed"),
          HTMLChart.Segment(count: open, paint: hatch),
        ],
        text: "×\(no)  ？\(open)", key: criterion.id)
    }
    let pattern =
      "<pattern id=\"hatch-unknown\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
      + " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/>"
      + "<rect width=\"3\" height=\"6\" fill=\"#b86e00\"/></pattern>"
    return "<figcaption>\(w(HTMLWords.byCriterion))</figcaption>"
      + HTMLChart.bars(
        rows, id: "chart-criteria", title: HTMLWords.byCriterion.text(language),
        legend: [
          HTMLChart.LegendEntry(label: "× " + failed, paint: "fill-failed"),
          HTMLChart.LegendEntry(label: "？ " + unknown, paint: hatch),
        ], patterns: pattern)
  }

  func criterionTable() -> String {
    var out =
      "<table class=\"counts\" id=\"criterion-counts\"><caption>\(w(HTMLWords.byCriterion))</caption>\n<thead><tr>"
    out += "<th>\(w(HTMLWords.criterion))</th><th>\(w(HTMLWords.wording))</th>"
    out += "<th class=\"num\">× \(w(HTMLWords.chartFailed))</th>"
    out += "<th class=\"num\">？ \(w(HTMLWords.chartUnknown))</th></tr></thead>\n<tbody>\n"
    for criterion in ruleSet.criteria {
      let id = a(criterion.id)
      out += "<tr><th scope=\"row\">\(e(criterion.id))</th>"
      out += "<td>\(e(criterion.label.text(language)))</td>"
      out +=
        "<td class=\"num\" data-count-failed=\"\(id)\">\(summary.failedCounts[criterion.id] ?? 0)</td>"
      out += "<td class=\"num\" data-count-unknown=\"\(id)\">"
      out += "\(summary.unknownCounts[criterion.id] ?? 0)</td></tr>\n"
    }
    return out + "</tbody></table>\n"
  }

  // MARK: - Selection

  func link(_ applicant: ScreenedApplicant) -> String {
    let text = applicant.id.isEmpty ? HTMLWords.lineNumber(applicant.line, language) : applicant.id
    return "<a href=\"#\(a(anchor(applicant)))\">\(e(text))</a>"
  }

  func ministerSection(_ list: SelectionList) -> String {
    let award = list.selection.award
    let rows = list.sections.first?.rows ?? []
    var out = "<section id=\"minister-list\" data-winners=\"\(list.selection.winners)\">\n"
    out += "<h2>\(e(award.label.text(language))) <span class=\"num\" data-count-award>"
    out += "\(rows.count)</span></h2>\n"
    out += "<p>\(e(awardRule(list)))</p>\n"
    guard !rows.isEmpty else { return out + "<p>\(w(HTMLWords.none))</p>\n</section>\n" }
    out += "<table>\n<thead><tr><th class=\"num\">\(w(HTMLWords.rank))</th>"
    out +=
      "<th class=\"num\">\(w(HTMLWords.score))</th><th class=\"num\">\(w(HTMLWords.reviews))</th>"
    out += "<th>\(w(HTMLWords.id))</th><th>\(w(HTMLWords.name))</th><th>\(w(HTMLWords.note))</th>"
    out += "</tr></thead>\n<tbody>\n"
    for row in rows {
      let tie = row.entry?.tiedAtBoundary == true
      out += "<tr\(tie ? " class=\"tie\"" : "") data-applicant=\"\(a(row.applicant.id))\""
      out += " data-rank=\"\(list.rank(row))\" data-score=\"\(list.score(row))\""
      out += " data-tie=\"\(tie)\">"
      out += "<td class=\"num count-big\">\(list.rank(row))</td>"
      out += "<td class=\"num\">\(list.score(row))</td><td class=\"num\">\(row.reviewCount)</td>"
      out +=
        "<td class=\"nowrap\">\(link(row.applicant))</td><td class=\"name\">\(e(row.applicant.name))</td><td>"
      if tie { out += "<span class=\"tie-flag\">\(w(HTMLWords.tie))</span> " }
      out += "\(e(list.note(row)))</td></tr>\n"
    }
    out += "</tbody></table>\n"
    if rows.contains(where: { $0.entry?.tiedAtBoundary == true }) {
      out += "<p class=\"tie-note\"><span class=\"tie-flag\">\(w(HTMLWords.tie))</span> "
      out += "\(w(HTMLWords.tieExplained))</p>\n"
    }
    return out + "</section>\n"
  }

  /// How the award list was drawn: N, the minimum number of reviews, the weights.
  func awardRule(_ list: SelectionList) -> String {
    let award = list.selection.award
    let tier = ruleSet.tiers[award.tier]
    let axes = award.axes.map { "\($0.label.text(language)) ×\($0.weight.description)" }
    if language == .ja {
      return "\(tier.label.ja)のうち審査 \(award.minimumReviews) 件以上の応募を得点（"
        + axes.joined(separator: "・")
        + " の合計の平均）の高い順に順位付けし、\(list.selection.winners) 位までを選定。"
    }
    return "\(tier.label.en) applicants with at least \(award.minimumReviews) reviews, ranked by"
      + " score (mean of " + axes.joined(separator: " + ")
      + "); ranks up to \(list.selection.winners) are listed."
  }

  func selectionSections(_ list: SelectionList) -> String {
    var out = "<section id=\"selection-list\">\n<h2>\(w(HTMLWords.sectionList))</h2>\n"
    for (index, section) in list.sections.enumerated().dropFirst() {
      out += "<section class=\"selection-section\" id=\"selection-section-\(index)\">\n"
      out += "<h3>\(e(section.title)) <span class=\"num\" data-count-section=\"\(index)\">"
      out += "(\(section.rows.count))</span></h3>\n"
      guard !section.rows.isEmpty else {
        out += "<p>\(w(HTMLWords.none))</p>\n</section>\n"
        continue
      }
      // Columns that would be empty on every row of the section are left out.
      let ranked = section.rows.contains { $0.entry != nil }
      let reviewed = section.rows.contains { $0.reviewCount > 0 }
      out += "<table>\n<thead><tr>"
      if ranked {
        out +=
          "<th class=\"num\">\(w(HTMLWords.rank))</th><th class=\"num\">\(w(HTMLWords.score))</th>"
      }
      if reviewed { out += "<th class=\"num\">\(w(HTMLWords.reviews))</th>" }
      out += "<th>\(w(HTMLWords.id))</th><th>\(w(HTMLWords.name))</th>"
      out += "<th>\(w(HTMLWords.outcome))</th><th class=\"num\">\(w(HTMLWords.line))</th>"
      out += "<th>\(w(HTMLWords.note))</th></tr></thead>\n<tbody>\n"
      for row in section.rows {
        out += "<tr data-applicant=\"\(a(row.applicant.id))\">"
        if ranked {
          out += "<td class=\"num\">\(list.rank(row))</td><td class=\"num\">\(list.score(row))</td>"
        }
        if reviewed { out += "<td class=\"num\">\(row.reviewCount)</td>" }
        out += "<td class=\"nowrap\">\(link(row.applicant))</td>"
        out +=
          "<td class=\"name\">\(e(row.applicant.name))</td><td>\(badge(row.applicant.outcome))</td>"
        out += "<td class=\"num\">\(row.applicant.line)</td><td>\(e(list.note(row)))</td></tr>\n"
      }
      out += "</tbody></table>\n</section>\n"
    }
    return out + "</section>\n"
  }

  func reviewIssuesSection(_ list: SelectionList) -> String {
    let issues = list.selection.reviewIssues
    var out = "<section id=\"review-issues\">\n<h2>\(w(HTMLWords.reviewIssues)) "
    out += "<span class=\"num\" data-count-review-issues>\(issues.count)</span></h2>\n"
    guard !issues.isEmpty else { return out + "<p>\(w(HTMLWords.none))</p>\n</section>\n" }
    out += "<table>\n<thead><tr><th class=\"num\">\(w(HTMLWords.line))</th><th></th>"
    out += "<th>\(w(HTMLWords.message))</th></tr></thead>\n<tbody>\n"
    for issue in issues {
      let kind = issue.isInvalid ? HTMLWords.invalidRow : HTMLWords.ignoredRow
      out += "<tr data-review-line=\"\(issue.line)\" data-review-invalid=\"\(issue.isInvalid)\">"
      out += "<td class=\"num\">\(issue.line)</td><td class=\"nowrap\">"
      out += "<span class=\"badge tone-\(issue.isInvalid ? "invalid" : "not_selected")\">"
      out += "\(w(kind))</span></td><td>\(e(issue.message(language)))</td></tr>\n"
    }
    return out + "</tbody></table>\n</section>\n"
  }

  // MARK: - Screening: the applicant table

  /// Appends the applicant table, its `rows` made by `applicantRow` for each applicant.
  /// (Sections are appended, not returned: a page of many applicants is tens of megabytes.)
  func appendApplicantTableSection(_ filters: [Filter], rows: String, to out: inout String) {
    out += "<section id=\"applicants\">\n<h2>\(w(HTMLWords.applicantTable))</h2>\n"
    out += filterBar(filters)
    out += "<table>\n<thead><tr><th class=\"num\">\(w(HTMLWords.line))</th>"
    out +=
      "<th>\(w(HTMLWords.id))</th><th>\(w(HTMLWords.name))</th><th>\(w(HTMLWords.outcome))</th>"
    for criterion in ruleSet.criteria {
      out += "<th class=\"mark-cell\"><abbr title=\"\(a(criterion.label.text(language)))\">"
      out += "\(e(criterion.id))</abbr></th>"
    }
    for title in cells.reportedTitles { out += "<th>\(e(title))</th>" }
    out += "<th>\(w(HTMLWords.failedOrUnknown))</th></tr></thead>\n<tbody>\n"
    out += rows
    out += "</tbody></table>\n</section>\n"
  }

  /// An applicant's row of the table; `explanation` is its card's (`explanation(of:)`).
  func applicantRow(_ applicant: ScreenedApplicant, _ explanation: ApplicantExplanation?)
    -> String
  {
    let code = HTMLStyle.slug(ruleSet.code(of: applicant.outcome))
    var out =
      "<tr class=\"filterable\" data-outcome=\"\(code)\" data-filter=\"\(filterWords(applicant))\">"
    out += "<td class=\"num\">\(applicant.line)</td><td class=\"nowrap\">\(link(applicant))</td>"
    out += "<td class=\"name\">\(e(applicant.name))</td><td>\(badge(applicant.outcome))</td>"
    if let verdict = applicant.verdict {
      for truth in verdict.criteria { out += "<td class=\"mark-cell\">\(mark(truth))</td>" }
      for (slot, value) in zip(ruleSet.reported, verdict.reported) {
        out += "<td>\(e(cells.reported(value, slot: slot)))</td>"
      }
    } else {
      let columns = ruleSet.criteria.count + ruleSet.reported.count
      out += String(repeating: "<td class=\"mark-cell\">—</td>", count: columns)
    }
    // The card's explanation, when there is one; explaining again would give the same.
    let reasons = cells.reasons(applicant) { explanation ?? explain($0) }
    return out + "<td>\(reasons.map(e).joined(separator: "<br>"))</td></tr>\n"
  }

  // MARK: - Cards

  /// Appends the cards section, its `cards` made by `card` for each applicant.
  func appendCardsSection(_ filters: [Filter], cards: String, to out: inout String) {
    out += "<section id=\"cards\">\n<h2>\(w(HTMLWords.cards))</h2>\n"
    out += filterBar(filters)
    out += cards
    out += "</section>\n"
  }

  /// The explanation an applicant's card shows: nil for an applicant not evaluated.
  func explanation(of applicant: ScreenedApplicant) -> ApplicantExplanation? {
    guard applicant.verdict != nil, let record = applicant.record else { return nil }
    return explain(record)
  }

  /// An applicant's card, with its `explanation` (`explanation(of:)`).
  func card(_ applicant: ScreenedApplicant, _ explanation: ApplicantExplanation?) -> String {
    let code = HTMLStyle.slug(ruleSet.code(of: applicant.outcome))
    var out = "<article class=\"card filterable tone-\(tone(applicant.outcome))\""
    out += " id=\"\(a(anchor(applicant)))\" data-outcome=\"\(code)\""
    out += " data-filter=\"\(filterWords(applicant))\" data-line=\"\(applicant.line)\">\n<header>"
    let shownID = applicant.id.isEmpty ? "—" : applicant.id
    out += "<h3><span class=\"applicant-id\">\(e(shownID))</span> "
    out += "<span class=\"applicant-name\">\(e(applicant.name))</span></h3>"
    out += badge(applicant.outcome)
    if let entry = awarded(applicant) {
      out += awardBadge + "<span class=\"ranking\">\(w(HTMLWords.rank)) \(entry.rank) · "
      out += "\(w(HTMLWords.score)) \(entry.score.fixed(2))"
      if entry.tiedAtBoundary { out += " <span class=\"tie-flag\">\(w(HTMLWords.tie))</span>" }
      out += "</span>"
    }
    out += "<span class=\"meta\">\(e(HTMLWords.lineNumber(applicant.line, language)))"
    guard let explanation else {
      out += "</span></header>\n<p>\(w(HTMLWords.notEvaluated)):</p>\n<ul class=\"problems\">"
      for problem in applicant.problems { out += "<li>\(e(problem.message(language)))</li>" }
      return out + "</ul>\n</article>\n"
    }
    out += " · \(w(HTMLWords.referenceDate)) \(e(explanation.referenceDate))</span></header>\n"
    out += "<dl class=\"facts\">"
    for fact in explanation.reported {
      out += "<dt>\(e(fact.label))</dt><dd>\(e(fact.value))"
      out += "<span class=\"why\">\(e(fact.reasoning))</span></dd>"
    }
    out += "</dl>\n"
    for criterion in explanation.criteria { out += criterionBlock(criterion) }
    return out + "</article>\n"
  }

  func criterionBlock(_ criterion: CriterionExplanation) -> String {
    let result = criterion.result
    var out = "<div class=\"criterion result-\(truthClass(result))\""
    out += " data-criterion=\"\(a(criterion.id))\" data-result=\"\(result.word)\">\n"
    out += "<h4>\(mark(result)) \(e(criterion.id)) \(e(criterion.label)) "
    out += "<span class=\"result\">— \(e(formatter.text(result)))</span></h4>\n"
    out += "<p class=\"reasoning\">\(w(HTMLWords.reasoning)): \(e(criterion.reasoning))</p>\n"
    if !criterion.derivedFacts.isEmpty {
      out += "<ul class=\"derived\">"
      for fact in criterion.derivedFacts {
        out += "<li>\(e(fact.label)) = \(e(fact.value)): \(e(fact.reasoning))</li>"
      }
      out += "</ul>\n"
    }
    if !criterion.missingInputs.isEmpty {
      out += "<p class=\"missing\">\(w(HTMLWords.missing)): "
      out += "\(e(criterion.missingInputs.joined(separator: language == .ja ? "・" : ", ")))</p>\n"
    }
    for fix in criterion.fixes {
      out += "<p class=\"fix\">\(w(HTMLWords.fix)): \(e(fix.sentence))</p>\n"
    }
    if !criterion.citation.isEmpty {
      out += "<p class=\"citation\">\(w(HTMLWords.source)): \(e(criterion.citation))</p>\n"
    }
    return out + "</div>\n"
  }

  // MARK: - Audit

  func auditSection() -> String {
    var out = "<section id=\"audit\">\n<h2>\(w(HTMLWords.audit))</h2>\n<dl class=\"audit\">\n"
    for field in audit.fields(language) {
      out += "<dt>\(e(field.label))</dt><dd data-audit=\"\(a(field.key))\">\(e(field.value))</dd>\n"
    }
    if let reviewsSHA256 {
      out += "<dt>\(w(HTMLWords.reviewsSHA256))</dt>"
      out += "<dd data-audit=\"reviews_sha256\">\(e(reviewsSHA256))</dd>\n"
    }
    return out + "</dl>\n</section>\n"
  }
}
