import Testing

@testable import PioneerRules

/// criteria.md §4.1–§4.3 and §6 against Rules/r3.rules: the Basic Act sector read off a JSIC
/// code, the small-business test it drives (and so H1's threshold), and the size class.
@Suite struct SmallBusinessTests {
  /// A 株式会社 with `regular` regular employees, `percent`% of them covered by telework, and
  /// everything else met.
  static func company(
    jsic: Value, regular: Int64, percent: Int64, overrides: [String: Value] = [:]
  ) -> [String: Value] {
    precondition(regular * percent % 100 == 0, "a whole number of persons")
    return company(
      jsic: jsic, regular: regular, eligible: regular * percent / 100, overrides: overrides)
  }

  /// A 株式会社 with `regular` regular employees of whom `eligible` are covered.
  static func company(
    jsic: Value, regular: Int64, eligible: Int64, overrides: [String: Value] = [:]
  ) -> [String: Value] {
    var fields = R3.allMet([
      "jsic_code": jsic, "total_employees": R3.count(regular),
      "regular_employees": R3.count(regular), "eligible_employees": R3.count(eligible),
      "teleworkers": R3.count(eligible),
    ])
    for (key, value) in overrides { fields[key] = value }
    return fields
  }

  static let manufacturing: Set = ["製造業その他"]
  static let services: Set = ["サービス業"]
  static let eitherManufacturingOrServices: Set = ["製造業その他", "サービス業"]

  // MARK: §4.1 sector

  @Test func oneDigitCodeIsReadAsItsZeroPaddedGroup() {
    guard case .code(let code) = R3.code("9") else {
      Issue.record("9 is not a code")
      return
    }
    #expect(code.text == "09")
    #expect(code.path == ["09", "E"])
    #expect(R3.memberNames("sector", R3.allMet(["jsic_code": R3.code("9")])) == Self.manufacturing)
  }

  @Test func nineIsManufacturingSoTwentyStaffAreSmallAndTwentyOneAreNot() {
    let twenty = Self.company(jsic: R3.code("9"), regular: 20, percent: 50)
    #expect(R3.value("small_business", twenty) == .boolean(true))
    let twentyOne = Self.company(jsic: R3.code("9"), regular: 21, eligible: 10)
    #expect(R3.value("small_business", twentyOne) == .boolean(false))
  }

  @Test func travelAgency791IsManufacturingAndOthersThoughN79IsServices() {
    let travel = Self.company(jsic: R3.code("791"), regular: 20, percent: 50)
    #expect(R3.memberNames("sector", travel) == Self.manufacturing)
    #expect(R3.value("small_business", travel) == .boolean(true))
    #expect(R3.memberNames("sector", R3.allMet(["jsic_code": R3.code("78")])) == Self.services)
    #expect(R3.memberNames("sector", R3.allMet(["jsic_code": R3.code("799")])) == Self.services)
  }

  /// Codes whose industries fall in different sectors: the sector is one of them.
  static let undecidedCodes = ["79", "41", "69", "G", "K", "N"]

  @Test(arguments: undecidedCodes)
  func codeWhoseIndustriesDisagreeLeavesTheSectorOneOfThem(code: String) {
    let fields = R3.allMet(["jsic_code": R3.code(code)])
    #expect(R3.memberNames("sector", fields) == Self.eitherManufacturingOrServices)
    #expect(R3.value("commerce_or_services", fields).truth == .unknown)
  }

  @Test(arguments: undecidedCodes)
  func withSixToTwentyStaffAnUndecidedSectorLeavesSmallBusinessUnknown(code: String) {
    for regular: Int64 in [6, 20] {
      let fields = Self.company(jsic: R3.code(code), regular: regular, percent: 50)
      #expect(R3.value("small_business", fields).truth == .unknown, "\(code), \(regular) staff")
    }
    // Five or fewer are small in every sector, more than twenty in none.
    let five = Self.company(jsic: R3.code(code), regular: 5, percent: 60)
    #expect(R3.value("small_business", five) == .boolean(true))
    let twentyOne = Self.company(jsic: R3.code(code), regular: 21, eligible: 13)
    #expect(R3.value("small_business", twentyOne) == .boolean(false))
  }

  @Test(arguments: undecidedCodes)
  func undecidedSectorMakesThirtyPercentUnknownButSixtyPercentPassesH1(code: String) {
    let thirty = Self.company(jsic: R3.code(code), regular: 10, percent: 30)
    #expect(R3.criterion("H1", thirty) == .unknown)
    #expect(R3.outcome(thirty) == "indeterminate")
    let sixty = Self.company(jsic: R3.code(code), regular: 10, percent: 60)
    #expect(R3.criterion("H1", sixty) == .yes)
    #expect(R3.outcome(sixty) == "hyakusen")
  }

  @Test(arguments: ["I", "M"])
  func majorGroupsOfCommerceOnlyAreCertainlyCommerceOrServices(code: String) {
    let fields = Self.company(jsic: R3.code(code), regular: 6, eligible: 2)  // 33%
    #expect(R3.memberNames("sector", fields).count == 2)
    #expect(R3.value("commerce_or_services", fields) == .boolean(true))
    #expect(R3.value("small_business", fields) == .boolean(false))
    #expect(R3.criterion("H1", fields) == .yes)
  }

  @Test(arguments: ["411", "L", "71", "39", "70", "693", "75"])
  func servicesCodeWithSixStaffIsNotSmall(code: String) {
    let fields = Self.company(jsic: R3.code(code), regular: 6, eligible: 2)  // 33%
    #expect(R3.memberNames("sector", fields) == Self.services)
    #expect(R3.value("small_business", fields) == .boolean(false))
    #expect(R3.criterion("H1", fields) == .yes)
  }

  @Test func wholesaleAndRetailCodesAreDecided() {
    #expect(R3.memberNames("sector", R3.allMet(["jsic_code": R3.code("50")])) == ["卸売業"])
    #expect(R3.memberNames("sector", R3.allMet(["jsic_code": R3.code("55")])) == ["卸売業"])
    #expect(R3.memberNames("sector", R3.allMet(["jsic_code": R3.code("56")])) == ["小売業"])
    #expect(R3.memberNames("sector", R3.allMet(["jsic_code": R3.code("76")])) == ["小売業"])
    #expect(R3.memberNames("sector", R3.allMet(["jsic_code": R3.code("I")])) == ["卸売業", "小売業"])
    #expect(R3.memberNames("sector", R3.allMet(["jsic_code": R3.code("M")])) == ["サービス業", "小売業"])
  }

  @Test func missingCodeLeavesTheSectorMissing() {
    #expect(R3.value("sector", R3.allMet(["jsic_code": .missing])) == .missing)
  }

  // MARK: §4.2 other legal forms

  @Test func otherLegalFormsAreNeverSmallWhateverTheSector() {
    let fields = Self.company(
      jsic: .missing, regular: 3, eligible: 1,
      overrides: ["org_type": R3.member("org_type", "特定非営利活動法人")])
    #expect(R3.value("small_business", fields) == .boolean(false))
    #expect(R3.criterion("H1", fields) == .yes)
  }

  // MARK: §6 examples of unknowns

  @Test func oneHundredFiftyTeleworkersPassH2EvenWithCoveredEmployeesMissing() {
    let fields = R3.allMet(["eligible_employees": .missing, "teleworkers": R3.count(150)])
    #expect(R3.criterion("H2", fields) == .yes)
    #expect(R3.criterion("H1", fields) == .unknown)
  }

  @Test func sixtyPercentPassesH1EvenWithSmallBusinessStatusUnknown() {
    let fields = Self.company(jsic: .missing, regular: 10, percent: 60)
    #expect(R3.value("small_business", fields).truth == .unknown)
    #expect(R3.criterion("H1", fields) == .yes)
  }

  @Test func thirtyPercentWithSmallBusinessStatusUnknownIsUnknown() {
    let fields = Self.company(jsic: .missing, regular: 10, percent: 30)
    #expect(R3.criterion("H1", fields) == .unknown)
    #expect(R3.outcome(fields) == "indeterminate")
  }

  @Test func missingLegalFormLeavesSmallStatusUnknownOnlyWhereItMatters() {
    let small = Self.company(
      jsic: R3.code("09"), regular: 10, percent: 30, overrides: ["org_type": .missing])
    #expect(R3.criterion("H1", small) == .unknown)
    let large = Self.company(
      jsic: R3.code("09"), regular: 100, percent: 30, overrides: ["org_type": .missing])
    #expect(R3.value("small_business", large) == .boolean(false))
    #expect(R3.criterion("H1", large) == .yes)
  }

  // MARK: §4.3 size class

  static func sizeClass(
    jsic: String?, regular: Int64, capital: Value, orgType: String = "株式会社"
  ) -> Set<String> {
    R3.memberNames(
      "size_class",
      R3.allMet([
        "org_type": R3.member("org_type", orgType),
        "jsic_code": jsic.map(R3.code) ?? .missing,
        "total_employees": R3.count(regular), "regular_employees": R3.count(regular),
        "eligible_employees": R3.count(min(regular, 400)),
        "teleworkers": R3.count(min(regular, 250)), "capital_yen": capital,
      ]))
  }

  @Test func manufacturerWithCapitalAtTheLimitIsAnSMEWhateverItsHeadCount() {
    #expect(Self.sizeClass(jsic: "09", regular: 400, capital: R3.count(300_000_000)) == ["中小企業者"])
    #expect(Self.sizeClass(jsic: "09", regular: 400, capital: R3.count(300_000_001)) == ["大企業"])
    #expect(Self.sizeClass(jsic: "09", regular: 300, capital: R3.count(300_000_001)) == ["中小企業者"])
  }

  @Test func missingCapitalWithTooManyStaffLeavesTheSizeClassOneOfTwo() {
    let classes = Self.sizeClass(jsic: "09", regular: 400, capital: .missing)
    #expect(classes == ["中小企業者", "大企業"])
    let fields = R3.allMet([
      "jsic_code": R3.code("09"), "regular_employees": R3.count(400), "capital_yen": .missing,
    ])
    guard case .oneOf = R3.value("size_class", fields) else {
      Issue.record("expected one of two size classes")
      return
    }
  }

  @Test func missingCapitalWithFewStaffIsStillDecided() {
    #expect(Self.sizeClass(jsic: "09", regular: 300, capital: .missing) == ["中小企業者"])
    #expect(Self.sizeClass(jsic: "09", regular: 20, capital: .missing) == ["小規模企業者"])
  }

  @Test func limitsDependOnTheSector() {
    // 卸売業 1億円 / 100人
    #expect(Self.sizeClass(jsic: "50", regular: 101, capital: R3.count(100_000_000)) == ["中小企業者"])
    #expect(Self.sizeClass(jsic: "50", regular: 101, capital: R3.count(100_000_001)) == ["大企業"])
    // 小売業 5千万円 / 50人
    #expect(Self.sizeClass(jsic: "58", regular: 50, capital: R3.count(60_000_000)) == ["中小企業者"])
    #expect(Self.sizeClass(jsic: "58", regular: 51, capital: R3.count(60_000_000)) == ["大企業"])
    // サービス業 5千万円 / 100人
    #expect(Self.sizeClass(jsic: "39", regular: 1000, capital: R3.count(50_000_000)) == ["中小企業者"])
    #expect(Self.sizeClass(jsic: "39", regular: 101, capital: R3.count(50_000_001)) == ["大企業"])
  }

  @Test func undecidedSectorStillDecidesTheSizeClassWhenEverySectorAgrees() {
    // G is 製造業その他 or サービス業: 5千万円 is within both capital limits …
    #expect(Self.sizeClass(jsic: "G", regular: 400, capital: R3.count(50_000_000)) == ["中小企業者"])
    // … 2億円 only within manufacturing's.
    #expect(
      Self.sizeClass(jsic: "G", regular: 400, capital: R3.count(200_000_000)) == ["中小企業者", "大企業"])
  }

  @Test func otherLegalFormsAreNotApplicable() {
    #expect(
      Self.sizeClass(jsic: "39", regular: 3, capital: .missing, orgType: "一般社団法人") == ["対象外"])
  }
}
