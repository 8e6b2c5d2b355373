import PioneerRules
import PioneerScreening

/// The JSON contract for other programs: `{"applicants": [{"id", "line", "outcome",
/// "criteria": {"P1": "pass|fail|unknown", …}, "small_business": true|false|null, "errors":
/// […]}, …], "summary": {…}, "audit": {…}}`. Codes never depend on `--lang`; messages do.
public final class JSONReport: ScreeningReport {
  private let cells: ApplicantCells
  private let json: JSONWriter

  public init(context: ReportContext, sink: any ByteSink) {
    cells = ApplicantCells(context)
    json = JSONWriter(to: sink)
  }

  public func begin() throws {
    try json.beginObject()
    try json.key("applicants")
    try json.beginArray()
  }

  public func add(_ applicant: ScreenedApplicant) throws {
    let ruleSet = cells.ruleSet
    try json.object {
      try json.field("id", applicant.id)
      try json.field("line", applicant.line)
      try json.field("name", applicant.name)
      try json.field("outcome", ruleSet.code(of: applicant.outcome))
      try json.field("outcome_label", cells.outcome(applicant))
      try json.object("criteria") {
        for (criterion, truth) in zip(ruleSet.criteria, applicant.criteria ?? []) {
          try json.field(criterion.id, truth.word)
        }
      }
      for (index, slot) in ruleSet.reported.enumerated() {
        let definition = ruleSet.definitions[slot]
        let value = applicant.reported(index) ?? .missing
        try json.key(definition.name)
        try JSONReport.write(value, type: definition.type, ruleSet: ruleSet, to: json)
      }
      try json.array("errors") {
        for message in cells.errors(applicant) { try json.string(message) }
      }
    }
  }

  /// A reported value: booleans as JSON booleans, enumeration members by their English code,
  /// anything undecided as null.
  static func write(_ value: Value, type: RuleType, ruleSet: RuleSet, to json: JSONWriter) throws {
    switch value {
    case .boolean(let b): try json.bool(b)
    case .member:
      try json.string(ValueFormatter(ruleSet: ruleSet, language: .en).text(value, type: type))
    case .number(let n): try json.string(n.description)
    case .text(let t): try json.string(t)
    case .date(let d): try json.string(d.description)
    default: try json.null()
    }
  }

  public func finish(summary: ScreeningSummary, audit: AuditRecord) throws {
    try json.endArray()
    try json.object("summary") {
      try json.field("rows", summary.rows)
      try json.field("evaluated", summary.evaluated)
      try json.field("invalid", summary.invalid)
      try json.field("skipped_blank", summary.skippedBlank)
      try json.object("outcomes") {
        for code in JSONReport.outcomeCodes(cells.ruleSet) {
          try json.field(code, summary.outcomeCounts[code] ?? 0)
        }
      }
      try json.array("unknown_columns") {
        for column in summary.unknownColumns { try json.string(column) }
      }
    }
    try JSONReport.writeAudit(audit, to: json)
    try json.endObject()
    try json.finish()
  }

  static func outcomeCodes(_ ruleSet: RuleSet) -> [String] {
    ruleSet.tiers.indices.reversed().map { ruleSet.code(of: .tier($0)) }
      + ["not_selected", "indeterminate", "invalid"]
  }

  static func writeAudit(_ audit: AuditRecord, to json: JSONWriter) throws {
    try json.object("audit") {
      for field in audit.fields(.en) {
        switch field.key {
        case "rows", "evaluated", "invalid", "skipped_blank", "fiscal_year":
          try json.field(field.key, Int(field.value))
        default:
          try json.field(field.key, field.value)
        }
      }
      try json.field("rule_set_name", audit.ruleSetName)
    }
  }
}
