import Testing

@testable import PioneerRules

/// The batch evaluator keeps a code its classification made where the record holds it, not in
/// a box: every operation on it other than a table's kept answer reads it back from the
/// record. `within`, `==`, `first_known`, an `if` with code branches, a look-up of such an
/// `if`, `is missing` and a reported code give what the explaining evaluator gives, for codes
/// with and without slots side by side in one batch, and for codes another classification made
/// (the same text under another major group, which a table's kept answer must not be taken
/// for).
@Suite struct BatchEvaluatorCodeTests {
  static let rules = """
    ruleset t "テスト" {
      default_reference_date = 2021-10-12
      maximum_count = 1_000
      maximum_decimal = 1_000
      maximum_yen = 1_000
      reported = [picked, under, same, kind, present]
    }
    booleans {
      true = "はい"
      false = "いいえ"
    }
    classification K "分類" {
      A "01".."02"
      B "03".."05"
    }
    enum Kind "種別" {
      "甲"
      "乙"
      "丙"
    }
    input applicant_id: text "応募ID" as id
    input name: text "名称" as name
    input flag: boolean "フラグ"
    input code: K "コード"
    input other: K "別コード"
    table kind_of: K -> Kind "種別表" {
      "01" -> "甲"
      "03", "041", "B" -> "乙"
      else -> "丙"
    }
    define picked "選んだコード" = if flag then code else first_known(other, code)
    define under "配下" = code within ["01", "04"]
    define same "同じ" = code == other
    define kind: Kind "種別" = kind_of(picked)
    define present "あり" = code is not missing
    tier pioneer "先駆者" {
      criterion P1 "条件" = flag or kind in ["甲"]
      criterion P2 "配下" = under and not same
    }
    outcomes {
      not_selected "不選定"
      indeterminate "判定不能"
      invalid "無効"
    }

    """

  static let ruleSet: RuleSet = {
    do {
      return try RuleSet.load(text: rules, name: "codes.rules")
    } catch {
      fatalError("codes.rules does not load:\n\(error)")
    }
  }()

  /// Missing, and codes at every level: letters, groups, minor groups listed and not, each
  /// made by the classification (with a slot) and built by hand (without); then `02` and `021`
  /// as another classification makes them, under `B` (where `K` puts them under `A`).
  static let codes: [Value] = {
    var codes: [Value] = [.missing]
    for text in ["A", "B", "01", "02", "021", "03", "04", "041", "042", "05", "011"] {
      guard let made = classificationK.code(text) else { continue }
      codes.append(.code(made))
      codes.append(.code(IndustryCode(text: made.text, path: made.path)))
    }
    for text in ["02", "021"] {
      guard let made = otherClassification.code(text) else { continue }
      codes.append(.code(made))
    }
    return codes
  }()

  static let otherClassification = Classification(
    name: "K", label: Label(ja: "分類", en: "K"),
    majorGroups: [
      .init(letter: "A", firstGroup: 1, lastGroup: 1),
      .init(letter: "B", firstGroup: 2, lastGroup: 5),
    ])

  static let classificationK = Classification(
    name: "K", label: Label(ja: "分類", en: "K"),
    majorGroups: [
      .init(letter: "A", firstGroup: 1, lastGroup: 2),
      .init(letter: "B", firstGroup: 3, lastGroup: 5),
    ])

  static let records: [Record] = {
    var records: [Record] = []
    for flag in [Value.missing, .boolean(true), .boolean(false)] {
      for code in codes {
        for other in codes {
          var values = Array(repeating: Value.missing, count: ruleSet.schema.inputs.count)
          for (name, value) in [("flag", flag), ("code", code), ("other", other)] {
            guard let slot = ruleSet.schema.input(named: name)?.slot else { continue }
            values[slot] = value
          }
          records.append(Record(line: 2, values: values))
        }
      }
    }
    return records
  }()

  @Test func codesInABatchGiveTheExplainingEvaluatorsVerdictAndReportedValues() {
    #expect(Self.codes.count == 25)
    var screener = RuleSetScreener(ruleSet: Self.ruleSet, asOf: nil)
    let results = screener.screen(Self.records)
    #expect(results.count == Self.records.count)
    var disagreements: [Int] = []
    for (index, result) in results.enumerated() {
      let explained = Self.ruleSet.evaluate(Self.records[index], observer: Trace())
      guard case .evaluated(let verdict) = result, verdict == explained else {
        disagreements.append(index)
        continue
      }
    }
    #expect(disagreements.isEmpty, "rows \(disagreements.prefix(5))")
  }

  @Test func aReportedCodeIsTheRecordsOwn() throws {
    let code = try #require(Self.classificationK.code("041"))
    let codeSlot = try #require(Self.ruleSet.schema.input(named: "code")?.slot)
    let flagSlot = try #require(Self.ruleSet.schema.input(named: "flag")?.slot)
    let record = Self.records.first { record in
      record.values[codeSlot] == .code(code) && record.values[flagSlot] == .boolean(true)
    }
    let verdict = try #require(record.map { Self.ruleSet.evaluate($0) })
    #expect(verdict.reported.first == .code(code))
  }
}
