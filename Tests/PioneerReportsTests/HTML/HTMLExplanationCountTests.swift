import PioneerRules
import PioneerScreening
import Testing

@testable import PioneerReports

/// Explaining an applicant is most of what the HTML page costs; the screening page's table
/// (its reasons column) and its cards share one explanation per applicant.
@Suite struct HTMLExplanationCountTests {
  /// Explains as the page does, counting the calls.
  private final class CountingExplainer {
    let cells: ApplicantCells
    var calls = 0

    init(_ context: ReportContext) {
      cells = ApplicantCells(context)
    }

    func explain(_ record: Record) -> ApplicantExplanation {
      calls += 1
      return cells.explanation(of: record)
    }
  }

  @Test(arguments: [Language.ja, .en])
  func theScreeningPageExplainsEachEvaluatedApplicantOnce(language: Language) throws {
    let ruleSet = try HTMLFixture.ruleSet()
    let context = ReportContext(ruleSet: ruleSet, language: language, asOf: nil)
    var applicants: [ScreenedApplicant] = []
    let summary = try Screener(ruleSet: ruleSet, asOf: nil).screen(path: HTMLFixture.samples) {
      applicants.append($0)
    }
    let audit = HTMLFixture.audit(ruleSet, path: HTMLFixture.samples, summary: summary)
    let counter = CountingExplainer(context)
    let page = HTMLPage.render(
      context: context, applicants: applicants, summary: summary, audit: audit, selection: nil,
      explain: counter.explain)
    let evaluated = applicants.filter { $0.verdict != nil && $0.record != nil }
    // The samples have applicants with reasons in the table, whose explanation is the card's.
    #expect(evaluated.contains { $0.verdict?.criteria.contains { $0 != .yes } == true })
    #expect(counter.calls == evaluated.count)
    // The page is the one the report writes.
    #expect(page == (try HTMLFixture.screen(HTMLFixture.samples, language: language)))
  }
}
