import PioneerRules
import PioneerScreening

/// `pioneer explain` as text: the outcome, the reported facts, then every criterion with its
/// reasoning, derived facts, inputs, missing inputs and fixes, for a reviewer who has not
/// read the rule file.
public enum ExplanationText {
  public static func render(_ applicant: ScreenedApplicant, context: ReportContext) -> String {
    let ja = context.ja
    let ruleSet = context.ruleSet
    var out =
      "\(applicant.id)  \(applicant.name)  (\(ja ? "\(applicant.line) 行目" : "line \(applicant.line)"))\n"
    out +=
      (ja ? "結果: " : "outcome: ") + ruleSet.label(of: applicant.outcome, context.language) + "\n"
    guard applicant.verdict != nil, let record = applicant.record else {
      out += ja ? "この行は無効のため評価していません:\n" : "This row is invalid and was not evaluated:\n"
      for problem in applicant.problems { out += "  - \(problem.message(context.language))\n" }
      return out
    }
    let explanation = Explainer(ruleSet: ruleSet, language: context.language)
      .explain(record, asOf: context.asOf)
    out += (ja ? "基準日: " : "reference date: ") + explanation.referenceDate + "\n"
    for fact in explanation.reported {
      out += "\(fact.label): \(fact.value)\n    \(fact.reasoning)\n"
    }
    for criterion in explanation.criteria {
      let mark = criterion.result == .yes ? "○" : (criterion.result == .no ? "×" : "？")
      out += "\n\(mark) \(criterion.id) \(criterion.label): "
      out +=
        ValueFormatter(ruleSet: ruleSet, language: context.language).text(criterion.result) + "\n"
      out += "    " + (ja ? "判定: " : "test: ") + criterion.reasoning + "\n"
      for fact in criterion.derivedFacts {
        out += "    " + (ja ? "・" : "- ") + "\(fact.label) = \(fact.value): \(fact.reasoning)\n"
      }
      if !criterion.missingInputs.isEmpty {
        out += "    " + (ja ? "判定を妨げる未入力: " : "blocked by missing: ")
        out += criterion.missingInputs.joined(separator: ja ? "・" : ", ") + "\n"
      }
      for fix in criterion.fixes {
        out += "    " + (ja ? "満たすには: " : "to pass: ") + fix.sentence + "\n"
      }
      if !criterion.citation.isEmpty {
        out += "    " + (ja ? "出典: " : "source: ") + criterion.citation + "\n"
      }
    }
    return out
  }
}
