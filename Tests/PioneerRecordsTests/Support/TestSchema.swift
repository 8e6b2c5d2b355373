import PioneerRules

/// A schema written by hand to mirror the 15 columns of spec §2, as the rule file would
/// declare them, with the limits of spec §3.2.
enum TestSchema {
  static let orgType = EnumDeclaration(
    name: "OrgType", label: Label(ja: "組織種別", en: "organisation type"),
    members: [
      member("株式会社", "stock company"),
      member("有限会社", "limited company", aliases: ["特例有限会社"]),
      member("合同会社", "LLC"),
      member("合名会社", "general partnership"),
      member("合資会社", "limited partnership"),
      member("個人事業主", "sole proprietor"),
      member("相互会社", "mutual company"),
      member("特定非営利活動法人", "NPO", aliases: ["NPO法人"]),
      member("一般社団法人", "general incorporated association"),
      member("一般財団法人", "general incorporated foundation"),
      member("公益社団法人", "public interest incorporated association"),
      member("公益財団法人", "public interest incorporated foundation"),
      member("社会福祉法人", "social welfare corporation"),
      member("医療法人", "medical corporation"),
      member("学校法人", "school corporation"),
      member("協同組合", "cooperative"),
      member("独立行政法人", "incorporated administrative agency"),
      member("地方公共団体", "local government"),
      member("その他", "other"),
    ])

  static let teleworkRule = EnumDeclaration(
    name: "TeleworkRule", label: Label(ja: "テレワーク規定", en: "telework rule"),
    members: [
      member("就業規則本則", "work rules", aliases: ["本則", "就業規則"]),
      member("個別規程", "separate regulation", aliases: ["規程", "個別規定"]),
      member("なし", "none", aliases: ["無", "無し", "none"]),
    ])

  static let jsic = Classification(
    name: "JSIC", label: Label(ja: "日本標準産業分類", en: "JSIC Rev.13"),
    majorGroups: [
      ("A", 1, 2), ("B", 3, 4), ("C", 5, 5), ("D", 6, 8), ("E", 9, 32), ("F", 33, 36),
      ("G", 37, 41), ("H", 42, 49), ("I", 50, 61), ("J", 62, 67), ("K", 68, 70),
      ("L", 71, 74), ("M", 75, 77), ("N", 78, 80), ("O", 81, 82), ("P", 83, 85),
      ("Q", 86, 87), ("R", 88, 96), ("S", 97, 98), ("T", 99, 99),
    ].map { Classification.MajorGroup(letter: $0.0, firstGroup: $0.1, lastGroup: $0.2) })

  static let booleanWords = BooleanWords(
    trueWords: ["あり", "有", "はい", "○", "〇", "yes", "true", "y", "1"],
    falseWords: ["なし", "無", "いいえ", "×", "no", "false", "n", "0"])

  static let limits = ValueLimits(
    maximumCount: ExactNumber(1_000_000_000), maximumDecimal: ExactNumber(1_000_000_000),
    maximumYen: ExactNumber(1_000_000_000_000_000))

  /// The 15 columns of spec §2, in order; `slot` is the position.
  static let columns: [(name: String, ja: String, en: String, type: InputType, role: InputRole?)] =
    [
      ("applicant_id", "応募ID", "applicant id", .text, .id),
      ("name", "企業・団体名", "organisation name", .text, .name),
      ("org_type", "組織種別", "organisation type", .enumeration(orgType), nil),
      ("jsic_code", "産業分類コード", "JSIC code", .code(jsic), nil),
      ("capital_yen", "資本金", "capital", .yen, nil),
      ("total_employees", "総従業員数", "total employees", .count, nil),
      ("regular_employees", "常時雇用する人数", "regular employees", .count, nil),
      ("eligible_employees", "テレワーク対象従業員数", "eligible employees", .count, nil),
      ("teleworkers", "テレワーク実施者数", "teleworkers", .count, nil),
      ("avg_telework_days", "月平均実施日数", "average telework days", .decimal, nil),
      ("telework_rule", "テレワーク規定", "telework rule", .enumeration(teleworkRule), nil),
      ("overtime_measures", "長時間労働防止対策", "overtime measures", .boolean, nil),
      (
        "last_violation_date", "重大な法令違反日", "last serious violation",
        .dateOrNone(noneWords: ["なし", "無", "none"]), nil
      ),
      ("no_antisocial_ties", "反社会的勢力非該当", "no anti-social ties", .boolean, nil),
      ("application_date", "応募日", "application date", .date, nil),
    ]

  static let schema = Schema(
    inputs: columns.enumerated().map { slot, column in
      InputDeclaration(
        name: column.name, slot: slot, type: column.type,
        label: Label(ja: column.ja, en: column.en), columnNames: [column.ja, column.name],
        role: column.role)
    },
    booleanWords: booleanWords, limits: limits)

  /// The Japanese header of all 15 columns, comma-separated.
  static let header = columns.map(\.ja).joined(separator: ",")

  /// The input named `name`.
  static func input(_ name: String) -> InputDeclaration {
    schema.input(named: name) ?? schema.inputs[0]
  }

  private static func member(
    _ name: String, _ english: String, aliases: [String] = []
  ) -> EnumMember {
    EnumMember(name: name, aliases: aliases, english: english)
  }
}
