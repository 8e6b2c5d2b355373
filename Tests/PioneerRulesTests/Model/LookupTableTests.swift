import Testing

@testable import PioneerRules

/// A table answers the codes its classification made, and short `oneOf`s of members, from
/// answers worked out when it is built. Each must be exactly what the general look-up (a walk
/// over the code's path, each possibility looked up and merged) gives: for every key either
/// can meet, including codes built with paths of their own and codes of other classifications.
@Suite struct LookupTableTests {
  static func table(_ name: String) -> LookupTable {
    guard let table = R3.ruleSet.tables.first(where: { $0.name == name }) else {
      fatalError("r3 has no table \(name)")
    }
    return table
  }

  static let sectorOf = table("sector_of")
  static let memberTables = [table("sme_capital_limit"), table("sme_employee_limit")]
  static let jsic = ClassificationTests.jsic

  /// Keys on which `lookup` and `generalLookup` disagree.
  static func disagreements(_ table: LookupTable, _ keys: [Value]) -> [Value] {
    keys.filter { table.lookup($0) != table.generalLookup($0) }
  }

  // MARK: Codes

  @Test func everyCodeTheClassificationMakesIsAnsweredByItsSlotAsByItsPath() throws {
    let codes = ClassificationTests.texts.compactMap { Self.jsic.code($0) }
    #expect(codes.count == 20 + 99 + 9 + 990)
    #expect(Self.disagreements(Self.sectorOf, codes.map(Value.code)).isEmpty)
    // And by the slot, not the long way round: each has an answer kept for it.
    for code in codes {
      let slot = try #require(code.slot)
      #expect(Self.sectorOf.answer(for: slot) == Self.sectorOf.generalLookup(.code(code)))
    }
  }

  @Test func codesBuiltWithPathsOfTheirOwnAreAnsweredByTheirPaths() {
    let odd: [IndustryCode] = [
      // The path the classification would give, but built by hand: no slot, the long way.
      IndustryCode(text: "582", path: ["582", "58", "I"]),
      IndustryCode(text: "58", path: ["58", "I"]),
      IndustryCode(text: "G", path: ["G"]),
      // Paths that do not follow from the text.
      IndustryCode(text: "582", path: ["999", "99", "T"]),
      IndustryCode(text: "781", path: ["781", "78", "E"]),
      IndustryCode(text: "58", path: ["791"]),
      IndustryCode(text: "58", path: []),
      IndustryCode(text: "G", path: ["G", "H", "I"]),
      IndustryCode(text: "411", path: ["411"]),
      IndustryCode(text: "411", path: ["411", "41", "G", "extra"]),
      // Four-digit codes, which the classification does not make.
      IndustryCode(text: "5821", path: ["5821", "582", "58"]),
      IndustryCode(text: "5821", path: ["5821", "582", "58", "I"]),
      IndustryCode(text: "", path: ["", "", ""]),
      IndustryCode(text: "Z", path: ["Z"]),
    ]
    #expect(odd.allSatisfy { $0.slot == nil })
    #expect(Self.disagreements(Self.sectorOf, odd.map(Value.code)).isEmpty)
  }

  @Test func aCodeFromAnotherClassificationIsNotAnsweredByThisTablesSlots() throws {
    // The same numbers, 78 moved from N to E: `781` then walks ["781", "78", "E"], which
    // sector_of answers with its `else` (manufacturing), where its own 781 is services (N).
    let moved = Classification(
      name: "JSIC2", label: Label(ja: "別", en: "other"),
      majorGroups: Self.jsic.majorGroups.map { major in
        switch major.letter {
        case "E": .init(letter: "E", firstGroup: 9, lastGroup: 32)
        case "N": .init(letter: "N", firstGroup: 79, lastGroup: 80)
        default: major
        }
      } + [.init(letter: "Z", firstGroup: 78, lastGroup: 78)])
    let foreign = try #require(moved.code("781"))
    let own = try #require(Self.jsic.code("781"))
    #expect(foreign.slot?.index == own.slot?.index)
    #expect(Self.sectorOf.lookup(.code(foreign)) == Self.sectorOf.generalLookup(.code(foreign)))
    #expect(Self.sectorOf.lookup(.code(foreign)) != Self.sectorOf.lookup(.code(own)))
    // Every code the other classification makes.
    let codes = ClassificationTests.texts.compactMap { moved.code($0) }.map(Value.code)
    #expect(Self.disagreements(Self.sectorOf, codes).isEmpty)
  }

  /// A table the checker would not let through: a letter outside A–Z, a range running
  /// backwards, groups past 99 (whose texts have three digits), keys that are no codes, no
  /// `else`.
  static let oddTable: LookupTable = {
    let classification = Classification(
      name: "X", label: Label(ja: "X", en: "X"),
      majorGroups: [
        .init(letter: "Ä", firstGroup: 1, lastGroup: 9),
        .init(letter: "B", firstGroup: 10, lastGroup: 19),
        .init(letter: "C", firstGroup: 20, lastGroup: 20),
        .init(letter: "D", firstGroup: 30, lastGroup: 29),
        .init(letter: "F", firstGroup: 98, lastGroup: 101),
      ])
    let entries: [String: Value] = [
      "B": .number(ExactNumber(1)), "05": .number(ExactNumber(2)), "051": .number(ExactNumber(3)),
      "111": .number(ExactNumber(4)), "11x": .number(ExactNumber(5)), "Ä": .number(ExactNumber(6)),
      "200": .missing, "1": .number(ExactNumber(7)), "009": .number(ExactNumber(8)),
      "100": .number(ExactNumber(9)), "99": .oneOf([.number(ExactNumber(1)), .text("x")]),
    ]
    return LookupTable(
      name: "t", label: Label(ja: "t", en: "t"), keyType: .code("X"),
      valueType: .number(.plain), entries: entries, otherwise: nil,
      classification: classification, enumeration: nil)
  }()

  @Test func aTableOfAnotherShapeIsAnsweredAsItsPathsSay() throws {
    let classification = try #require(Self.oddTable.classification)
    var keys = ClassificationTests.texts.compactMap { classification.code($0) }.map(Value.code)
    keys += ClassificationTests.texts.compactMap { Self.jsic.code($0) }.map(Value.code)
    #expect(keys.count > 1000)
    #expect(Self.disagreements(Self.oddTable, keys).isEmpty)
  }

  /// A letter's or group's answer as the table used to work it out: scanning every entry for
  /// the listed codes under each group.
  static func scannedAnswers(_ table: LookupTable) -> [String: Value] {
    guard let classification = table.classification else { return [:] }
    func mostSpecific(_ path: [String]) -> Value {
      for step in path {
        if let value = table.entries[step] { return value }
      }
      return table.otherwise ?? .missing
    }
    var answers: [String: Value] = [:]
    for major in classification.majorGroups {
      var values: [Value] = []
      for group in major.firstGroup...max(major.firstGroup, major.lastGroup) {
        let text = group < 10 ? "0\(group)" : "\(group)"
        guard let code = classification.code(text) else { continue }
        var groupValues = [mostSpecific(code.path)]
        for (key, value) in table.entries where key.count == 3 && key.hasPrefix(text) {
          groupValues.append(value)
        }
        let groupValue = Value.possibilities(groupValues.sorted(by: Value.displayOrder))
        answers[text] = groupValue
        values.append(groupValue)
      }
      answers[major.letter] = Value.possibilities(values.sorted(by: Value.displayOrder))
    }
    return answers
  }

  @Test func lettersAndGroupsAreAnsweredAsAScanOfEveryEntryGives() {
    for table in [Self.sectorOf, Self.oddTable] {
      let scanned = Self.scannedAnswers(table)
      #expect(scanned.count >= 20, "\(table.name)")
      for (text, answer) in scanned {
        // A path of one step is looked up by its text alone.
        let code = Value.code(IndustryCode(text: text, path: [text]))
        #expect(table.generalLookup(code) == answer, "\(table.name) \(text)")
        #expect(table.lookup(code) == answer, "\(table.name) \(text)")
      }
    }
  }

  // MARK: Members and oneOf

  /// Every list of up to `length` members drawn from `-1..<members + 1`, repeats included.
  static func memberLists(members: Int, length: Int) -> [[Value]] {
    var lists: [[Value]] = [[]]
    var last: [[Value]] = [[]]
    for _ in 0..<length {
      last = last.flatMap { list in (-1...members).map { list + [Value.member($0)] } }
      lists += last
    }
    return lists
  }

  @Test func everyOneOfOfMembersIsAnsweredAsEachMemberMerged() {
    // Sector has four members: every list of distinct ones is kept, in either order (N is
    // services or manufacturing, in that order; 41 the other way round).
    let lists = Self.memberLists(members: 4, length: 5)
    for table in Self.memberTables {
      #expect(Self.disagreements(table, lists.map(Value.oneOf)).isEmpty, "\(table.name)")
      #expect(Self.disagreements(table, (-1...5).map(Value.member)).isEmpty, "\(table.name)")
    }
  }

  @Test func aOneOfKeyIsAnsweredInItsOwnOrder() {
    // Why answers are kept per list, not per set: N's sector is services or manufacturing,
    // 41's manufacturing or services, and their limits come out in those orders.
    for table in Self.memberTables {
      let manufacturing = table.lookup(.member(0))
      let services = table.lookup(.member(3))
      #expect(manufacturing != services)
      #expect(table.lookup(.oneOf([.member(3), .member(0)])) == .oneOf([services, manufacturing]))
      #expect(table.lookup(.oneOf([.member(0), .member(3)])) == .oneOf([manufacturing, services]))
    }
  }

  @Test func oneOfsOfOtherKeysAreAnsweredAsEachPossibilityMerged() throws {
    let g = try #require(Self.jsic.code("G"))
    let keys: [Value] = [
      .oneOf([.code(g), .code(try #require(Self.jsic.code("58")))]),
      .oneOf([
        .code(try #require(Self.jsic.code("791"))), .code(IndustryCode(text: "58", path: [])),
      ]),
      .oneOf([.code(g), .missing]),
      .oneOf([.member(0), .code(g)]),
      .oneOf([.oneOf([.member(0), .member(1)]), .member(2)]),
      .oneOf([.text("58"), .member(1)]),
    ]
    for table in [Self.sectorOf] + Self.memberTables {
      #expect(Self.disagreements(table, keys).isEmpty, "\(table.name)")
    }
  }

  @Test func aLargerEnumerationKeepsItsShortListsAndLooksUpTheRest() {
    let members = (0..<9).map { EnumMember(name: "m\($0)", aliases: [], english: "m\($0)") }
    let enumeration = EnumDeclaration(name: "E", label: Label(ja: "E", en: "E"), members: members)
    // Two members share an answer, one has none (no `else`).
    var entries: [String: Value] = [:]
    for index in 0..<8 { entries["m\(index)"] = .number(ExactNumber(Int64(index % 7))) }
    let table = LookupTable(
      name: "t", label: Label(ja: "t", en: "t"), keyType: .enumeration("E"),
      valueType: .number(.plain), entries: entries, otherwise: nil, classification: nil,
      enumeration: enumeration)
    let lists = Self.memberLists(members: 9, length: 3)
    #expect(Self.disagreements(table, lists.map(Value.oneOf)).isEmpty)
  }

  // MARK: Anything else

  @Test func missingAndKeysOfTheWrongKindAreAnsweredAsBefore() throws {
    let keys: [Value] = [
      .missing, .none, .text("58"), .boolean(true), .number(ExactNumber(58)), .list([.member(0)]),
      .duration(1, .years), .member(0), .code(try #require(Self.jsic.code("58"))),
    ]
    for table in [Self.sectorOf] + Self.memberTables {
      #expect(Self.disagreements(table, keys).isEmpty, "\(table.name)")
      #expect(table.lookup(.missing) == .missing)
    }
  }
}

/// The numbering of lists of distinct members behind a table's kept `oneOf` answers.
@Suite struct MemberListsTests {
  @Test(arguments: 0...9)
  func everyListIsNumberedOnceAndInOrder(members: Int) {
    let lists = MemberLists(members: members)
    let all = lists.all
    #expect(all.count <= MemberLists.capacity)
    for (number, list) in all.enumerated() {
      #expect(lists.index(of: list.map(Value.member)) == number, "\(list)")
      #expect(Set(list).count == list.count)
    }
    // All the lists of each length up to the longest: n!/(n-k)! of length k.
    var expected = 0
    var ofLength = 1
    for length in 0...max(0, lists.longest) where length <= members {
      expected += ofLength
      ofLength *= members - length
    }
    #expect(all.count == (members == 0 ? 0 : expected))
  }

  @Test func listsWithRepeatsOrStrangersOrTooLongHaveNoNumber() {
    let lists = MemberLists(members: 4)
    #expect(lists.longest == 4)
    #expect(lists.index(of: [.member(1), .member(1)]) == nil)
    #expect(lists.index(of: [.member(4)]) == nil)
    #expect(lists.index(of: [.member(-1)]) == nil)
    #expect(lists.index(of: [.member(0), .code(IndustryCode(text: "G", path: ["G"]))]) == nil)
    #expect(lists.index(of: (0..<5).map { .member($0 % 4) }) == nil)
    #expect(MemberLists(members: 65).index(of: [.member(0)]) == nil)
  }
}
