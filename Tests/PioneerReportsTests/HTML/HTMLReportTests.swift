import Foundation
import PioneerReports
import PioneerRules
import PioneerScreening
import Testing

/// The HTML report on the samples: counts, sections, cards, self-containment, print style.
@Suite struct HTMLReportTests {
  static let outcomes = ["hyakusen", "pioneer", "not_selected", "indeterminate", "invalid"]

  @Test func outcomeCountsMatchTheSamples() throws {
    for html in [
      try HTMLFixture.screen(HTMLFixture.samples),
      try HTMLFixture.select(HTMLFixture.samples, reviews: HTMLFixture.sampleReviews),
    ] {
      let expected = [
        "hyakusen": "19", "pioneer": "6", "not_selected": "5",
        "indeterminate": "8", "invalid": "9",
      ]
      for code in Self.outcomes {
        #expect(
          HTMLFixture.value(of: "data-count-outcome=\"\(code)\"", in: html) == expected[code],
          "\(code)")
      }
      #expect(HTMLFixture.value(of: "data-count-total=\"rows\"", in: html) == "47")
      // The outcome chart carries the same counts as text beside its bars.
      for code in Self.outcomes {
        let bar = HTMLFixture.slice(html, from: "data-bar=\"\(code)\"", to: "</g>") ?? ""
        #expect(bar.contains("class=\"bar-count\""), "\(code)")
        #expect(bar.contains(">\(expected[code] ?? "?")</text>"), "\(code)")
      }
    }
  }

  @Test func sizeClassAndCriterionCountsMatchTheSampleRows() throws {
    let html = try HTMLFixture.screen(HTMLFixture.samples)
    let rows = try HTMLFixture.expectedSampleRows().filter { $0[2] != "invalid" }
    #expect(rows.count == 38)
    for size in ["small", "sme", "large", "not_applicable", "unknown"] {
      let count = rows.filter { $0[12] == size }.count
      #expect(
        HTMLFixture.value(of: "data-count-reported=\"size_class:\(size)\"", in: html)
          == String(count), "\(size)")
    }
    for (offset, id) in ["P1", "P2", "P3", "P4", "H1", "H2", "H3", "H4"].enumerated() {
      let failed = rows.filter { $0[3 + offset] == "fail" }.count
      let unknown = rows.filter { $0[3 + offset] == "unknown" }.count
      #expect(HTMLFixture.value(of: "data-count-failed=\"\(id)\"", in: html) == String(failed))
      #expect(HTMLFixture.value(of: "data-count-unknown=\"\(id)\"", in: html) == String(unknown))
      let bar = HTMLFixture.slice(html, from: "data-bar=\"\(id)\"", to: "</g>") ?? ""
      #expect(bar.contains(">×\(failed)  ？\(unknown)</text>"), "\(id)")
    }
  }

  @Test func everyApplicantHasOneCardWithAUniqueIDAndItsOutcome() throws {
    let html = try HTMLFixture.select(HTMLFixture.samples, reviews: HTMLFixture.sampleReviews)
    let expected = try HTMLFixture.expectedSampleRows()
    let cards = html.components(separatedBy: "<article ").dropFirst()
    #expect(cards.count == expected.count)
    let ids = cards.map { HTMLFixture.values(of: "id", in: $0).first ?? "" }
    #expect(Set(ids).count == ids.count)
    #expect(ids.contains("applicant-A-001"))
    #expect(ids.contains("applicant-A-004"))
    #expect(ids.contains("applicant-A-004-line-46"))  // the invalid duplicate
    #expect(ids.contains("applicant-line-45"))  // the row without an id
    for (card, row) in zip(cards, expected) {
      #expect(HTMLFixture.values(of: "data-outcome", in: card).first == row[2], "\(row[0])")
      #expect(HTMLFixture.values(of: "data-line", in: card).first == row[1], "\(row[0])")
      if row[2] == "invalid" {
        #expect(card.contains("class=\"problems\""), "\(row[0])")
        continue
      }
      let results = HTMLFixture.values(of: "data-result", in: card)
      #expect(results == Array(row[3...10]), "\(row[0])")
    }
  }

  @Test func cardShowsReasoningDerivedFactsMissingInputsFixesAndCitation() throws {
    let html = try HTMLFixture.screen(HTMLFixture.samples)
    let a003 =
      HTMLFixture.slice(html, from: "id=\"applicant-A-003\"", to: "</article>") ?? ""
    let h1 = HTMLFixture.slice(a003, from: "data-criterion=\"H1\"", to: "</div>") ?? ""
    #expect(h1.contains("data-result=\"fail\""))
    #expect(h1.contains("×"))
    #expect(h1.contains("判定: 対象従業員の割合 (25%) ≥ 適用される対象割合の基準 (50%)"))
    #expect(h1.contains("<ul class=\"derived\"><li>対象従業員の割合 = 25%"))
    #expect(h1.contains("満たすには: テレワーク対象従業員数 1人 → 2人 で満たす"))
    #expect(h1.contains("出典: seeds/001 §1-④"))
    #expect(a003.contains("<dt>小規模企業者</dt><dd>はい"))
    #expect(a003.contains("<dt>企業規模</dt><dd>小規模企業者"))
    let a014 =
      HTMLFixture.slice(html, from: "id=\"applicant-A-014\"", to: "</article>") ?? ""
    #expect(a014.contains("判定を妨げる未入力: 月平均実施日数"))
    #expect(a014.contains("？"))
    let a040 =
      HTMLFixture.slice(html, from: "id=\"applicant-A-040\"", to: "</article>") ?? ""
    #expect(a040.contains("<li>テレワーク実施者数がテレワーク対象従業員数を超えている</li>"))
  }

  @Test func selectionPageListsTheMinisterAwardWithTheTieFlagged() throws {
    let html = try HTMLFixture.select(HTMLFixture.samples, reviews: HTMLFixture.sampleReviews)
    let list =
      HTMLFixture.slice(html, from: "<section id=\"minister-list\"", to: "</section>") ?? ""
    #expect(
      HTMLFixture.values(of: "data-applicant", in: list)
        == ["A-001", "A-006", "A-007", "A-035", "A-002", "A-018"])
    #expect(HTMLFixture.values(of: "data-rank", in: list) == ["1", "2", "3", "4", "5", "5"])
    #expect(
      HTMLFixture.values(of: "data-score", in: list)
        == ["14.00", "13.33", "13.00", "12.33", "12.00", "12.00"])
    #expect(
      HTMLFixture.values(of: "data-tie", in: list)
        == ["false", "false", "false", "false", "true", "true"])
    #expect(list.components(separatedBy: "<tr class=\"tie\"").count == 3)
    #expect(list.contains("<span class=\"tie-flag\">同点</span>"))
    // The other sections follow in SelectionList's order: tiers from the highest, follow-up,
    // then the award tier's unranked applicants.
    let sections =
      HTMLFixture.slice(
        html, from: "<section id=\"selection-list\"", to: "<section id=\"review-issues\"") ?? ""
    let titles = sections.components(separatedBy: "<h3>").dropFirst().map {
      String($0.prefix { $0 != "<" })
    }
    #expect(
      titles == [
        "テレワーク先駆者百選 ", "テレワーク先駆者 ", "要確認（判定不能・無効） ",
        "百選（審査数 3 未満のため順位なし） ",
      ])
    // The invalid duplicate of A-004 is not the ranked A-004.
    let followUp = HTMLFixture.slice(sections, from: "要確認", to: "</table>") ?? ""
    #expect(!followUp.contains("11.75"))
    let issues =
      HTMLFixture.slice(html, from: "<section id=\"review-issues\"", to: "</section>") ?? ""
    #expect(
      HTMLFixture.values(of: "data-review-line", in: issues) == ["9", "17", "34", "35", "36"])
    #expect(issues.contains("A-099"))
  }

  @Test func bothPagesHaveTheAuditBlock() throws {
    let screen = try HTMLFixture.screen(HTMLFixture.samples)
    let select = try HTMLFixture.select(HTMLFixture.samples, reviews: HTMLFixture.sampleReviews)
    for html in [screen, select] {
      let audit = HTMLFixture.slice(html, from: "<section id=\"audit\"", to: "</section>") ?? ""
      for key in ["rule_set", "rule_set_sha256", "input", "input_sha256", "reference_date"] {
        #expect(audit.contains("data-audit=\"\(key)\""), "\(key)")
      }
    }
    #expect(select.contains("data-audit=\"reviews_sha256\""))
    #expect(screen.contains("<section id=\"applicants\">"))
    #expect(!screen.contains("id=\"minister-list\""))
  }

  @Test func pageIsSelfContainedAndItsCSPAllowsOnlyItsOwnStyleSheet() throws {
    for html in [
      try HTMLFixture.screen(HTMLFixture.samples),
      try HTMLFixture.select(HTMLFixture.samples, reviews: HTMLFixture.sampleReviews),
    ] {
      let scan = MarkupScan(html)
      #expect(scan.problems.isEmpty, "\(scan.problems.prefix(5))")
      let metas = scan.tags.filter { $0.name == "meta" }
      let csp = metas.first { tag in
        tag.attributes.contains { $0.name == "http-equiv" && $0.value == "Content-Security-Policy" }
      }
      let policy = (csp?.attributes.first { $0.name == "content" }?.value ?? "")
        .replacingOccurrences(of: "&#39;", with: "'")
      #expect(policy.hasPrefix("default-src 'none'; style-src 'sha256-"))
      #expect(!policy.contains("unsafe"))
      #expect(!policy.contains("script-src"))  // so scripts fall back to 'none'
      let digest = Data(SHA256.hash(Array(scan.styleText.utf8))).base64EncodedString()
      #expect(policy.contains("style-src 'sha256-\(digest)'"))
      #expect(scan.tags.filter { $0.name == "style" }.count == 1)
      // Nothing external, nothing executable.
      for forbidden in ["script", "img", "iframe", "object", "embed", "link", "base", "form"] {
        #expect(!scan.tags.contains { $0.name == forbidden }, "<\(forbidden)>")
      }
      for tag in scan.tags {
        for attribute in tag.attributes {
          #expect(!attribute.name.lowercased().hasPrefix("on"), "\(tag.name) \(attribute.name)")
          #expect(attribute.name != "src" && attribute.name != "srcset")
          #expect(attribute.name != "style", "inline style attributes would need 'unsafe-hashes'")
          if attribute.name == "href" { #expect(attribute.value?.hasPrefix("#") == true) }
        }
      }
      #expect(!html.contains("http://"))
      #expect(!html.contains("https://"))
      #expect(!html.contains("src="))
      #expect(!html.contains("@import"))
      #expect(!html.contains("@font-face"))
      #expect(!scan.styleText.contains("url("))
      #expect(
        html.components(separatedBy: "url(").count == html.components(separatedBy: "url(#").count)
    }
  }

  @Test func filtersAreCSSOnlyOneRadioAndOneRulePerOutcome() throws {
    let html = try HTMLFixture.select(HTMLFixture.samples, reviews: HTMLFixture.sampleReviews)
    let scan = MarkupScan(html)
    let radios = scan.tags.filter { tag in
      tag.name == "input" && tag.attributes.contains { $0.name == "type" && $0.value == "radio" }
    }
    let ids = radios.compactMap { tag in tag.attributes.first { $0.name == "id" }?.value }
    #expect(ids == ["filter-all", "filter-minister"] + Self.outcomes.map { "filter-\($0)" })
    for key in ["minister"] + Self.outcomes {
      #expect(
        scan.styleText.contains(
          "#filter-\(key):checked~.page .filterable:not([data-filter~=\"\(key)\"]){display:none}"),
        "\(key)")
    }
    // Award winners are selected by the minister filter as well as by their outcome.
    let a001 = HTMLFixture.slice(html, from: "id=\"applicant-A-001\"", to: ">") ?? ""
    #expect(a001.contains("data-filter=\"hyakusen minister\""))
    #expect(
      html.contains(
        "<label for=\"filter-hyakusen\" data-filter-label=\"hyakusen\">百選 <span class=\"num\">19</span></label>"
      ))
  }

  @Test func printStyleSheetIsPresent() throws {
    let scan = MarkupScan(try HTMLFixture.screen(HTMLFixture.samples))
    #expect(scan.styleText.contains("@page{size:A4"))
    #expect(scan.styleText.contains("@media print{"))
    let print = scan.styleText.components(separatedBy: "@media print{").dropFirst().joined()
    #expect(print.contains(".filter-input{display:none}"))
    #expect(print.contains("#cards{break-before:page}"))
    #expect(print.contains(".badge{background:#fff;color:#000;border-color:#000}"))
  }

  @Test func sameInputGivesIdenticalBytes() throws {
    let first = try HTMLFixture.select(HTMLFixture.samples, reviews: HTMLFixture.sampleReviews)
    let second = try HTMLFixture.select(HTMLFixture.samples, reviews: HTMLFixture.sampleReviews)
    #expect(first == second)
    #expect(
      try HTMLFixture.screen(HTMLFixture.samples, language: .en)
        == HTMLFixture.screen(HTMLFixture.samples, language: .en))
  }

  @Test func englishPageTakesItsWordsFromTheRuleSetAndTheEnglishLabels() throws {
    let html = try HTMLFixture.select(
      HTMLFixture.samples, reviews: HTMLFixture.sampleReviews, language: .en)
    #expect(html.contains("<html lang=\"en\">"))
    #expect(html.contains("Telework Pioneers 100, FY2021 (Reiwa 3) — selection"))
    #expect(html.contains("Minister&#39;s Award"))
    #expect(html.contains(">Telework Pioneers 100</span>"))
    #expect(html.contains("Employees covered are at least 25% of regular employees"))
    #expect(html.contains("to pass: "))
    for japanese in ["集計", "監査情報", "応募者ごとの判定理由", "総務大臣賞", "満たすには", "同点"] {
      #expect(!html.contains(japanese), "\(japanese)")
    }
    #expect(HTMLFixture.value(of: "data-count-outcome=\"hyakusen\"", in: html) == "19")
  }
}
