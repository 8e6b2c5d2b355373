import Foundation
import PioneerRules
import PioneerTestSupport
import Testing

@testable import PioneerScreening

/// The fast path (batches on two threads, no trace) and the explaining path (one record at a
/// time with a trace observer, and the Explainer built on it) must never disagree.
@Suite struct FastAndExplainingPathsTests {
  /// Random applicant rows around every threshold, with missing cells.
  static func randomFile(rows: Int, seed: UInt64) -> String {
    var rng = SplitMix64(seed: seed)
    func pick<T>(_ options: [T]) -> T { options[Int(rng.next() % UInt64(options.count))] }
    func maybe(_ text: String) -> String { rng.next() % 12 == 0 ? "" : text }
    let orgs = ["株式会社", "合同会社", "有限会社", "個人事業主", "特定非営利活動法人", "地方公共団体", "相互会社"]
    let codes = [
      "39", "58", "50", "24", "75", "76", "791", "79", "G", "I", "M", "L", "9", "41", "411", "693",
      "69", "K", "N", "R", "T",
    ]
    var out =
      "応募ID,企業・団体名,組織種別,産業分類コード,資本金,総従業員数,常時雇用する人数,テレワーク対象従業員数,テレワーク実施者数,月平均実施日数,テレワーク規定,長時間労働防止対策,重大な法令違反日,反社会的勢力非該当,応募日\n"
    for index in 0..<rows {
      let regular = pick([1, 3, 4, 5, 6, 10, 19, 20, 21, 100, 301, 1000])
      let eligible = Int(rng.next() % UInt64(regular + 1))
      let teleworkers = eligible == 0 ? 0 : Int(rng.next() % UInt64(eligible + 1))
      let days = teleworkers == 0 ? "0" : pick(["3.99", "4", "4.00", "6.5", "2", "12"])
      let cells = [
        "R\(index)", "会社\(index)", maybe(pick(orgs)), maybe(pick(codes)),
        maybe(pick(["1000万円", "3億円", "5,000万円", ""])), String(regular + pick([0, 0, 5])),
        maybe(String(regular)), maybe(String(eligible)), maybe(String(teleworkers)), maybe(days),
        maybe(pick(["就業規則本則", "個別規程", "なし"])), maybe(pick(["あり", "なし"])),
        maybe(pick(["なし", "2020-10-12", "2021-03-01", "2019-01-01"])),
        maybe(pick(["はい", "いいえ"])), pick(["", "", "2021-09-01", "2024-02-29"]),
      ]
      out += cells.joined(separator: ",") + "\n"
    }
    return out
  }

  @Test func fastPathAndTracedPathAgreeOnEveryRowOfARandomFile() throws {
    let ruleSet = Fixtures.ruleSet
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("pioneer-paths-\(UUID().uuidString).csv")
    try Data(Self.randomFile(rows: 100_000, seed: 20_211_012).utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    var compared = 0
    var explained = 0
    var disagreements: [String] = []
    let summary = try Screener(ruleSet: ruleSet, asOf: nil).screen(path: url.path) { applicant in
      guard let fast = applicant.verdict, let record = applicant.record else { return }
      let traced = ruleSet.evaluate(record, observer: Trace())
      if traced != fast { disagreements.append("line \(applicant.line): \(fast) vs \(traced)") }
      compared += 1
      // The full explanation (with its fix search) on a sample of rows.
      if applicant.line % 97 == 0 {
        let explanation = Explainer(ruleSet: ruleSet, language: .en).explain(record)
        if explanation.outcome != fast.outcome
          || explanation.criteria.map(\.result) != Array(fast.criteria)
        {
          disagreements.append("line \(applicant.line): explanation differs")
        }
        explained += 1
      }
    }
    #expect(summary.rows == 100_000)
    #expect(compared > 50_000)
    #expect(explained > 500)
    #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
  }
}
