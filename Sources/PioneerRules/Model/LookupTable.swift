/// A table from codes or enumeration members to values (the JSIC → sector table). A class, so
/// a look-up per row does not copy its dictionaries.
public final class LookupTable: Sendable {
  public let name: String
  public let label: Label
  public let keyType: RuleType
  public let valueType: RuleType
  /// Value by key: a canonical code (`"58"`, `"I"`) or a member name.
  public let entries: [String: Value]
  /// The value for keys no entry matches.
  public let otherwise: Value?
  /// For a classification key, the classification (to reason about codes under a code).
  public let classification: Classification?
  /// For an enumeration key, the enumeration.
  public let enumeration: EnumDeclaration?
  /// The answer for every major group and two-digit group, worked out once when the table is
  /// built: the general look-up of a letter or group is a dictionary look-up, not a walk over
  /// the hierarchy.
  private let resolved: [String: Value]
  /// The answer for each member, by index.
  private let byMember: [Value]
  /// The answer for every code the classification makes, by the code's slot, with the letter
  /// of the major group the code's path ends in (0 in the slots of codes it does not make).
  /// A code the classification made finds its answer here by index, without hashing its text:
  /// the letter check sends a code another classification made, which may sit under another
  /// major group, the general way.
  private let bySlot: [SlotAnswer]
  /// The answer for every list of distinct members up to `memberLists.longest` long (a `oneOf`
  /// key such as the sector of JSIC group 41 or major group N), at `memberLists.index(of:)`:
  /// answered by index instead of by looking up each member and merging the answers again.
  /// Kept per list, not per set of members, since a `oneOf` answer is in the order of its key.
  private let byMemberList: [Value]
  private let memberLists: MemberLists

  private struct SlotAnswer: Sendable {
    /// The ASCII letter the path of the code in this slot ends in; 0 for no code.
    let majorGroup: UInt8
    let value: Value
  }

  public init(
    name: String, label: Label, keyType: RuleType, valueType: RuleType, entries: [String: Value],
    otherwise: Value?, classification: Classification?, enumeration: EnumDeclaration?
  ) {
    self.name = name
    self.label = label
    self.keyType = keyType
    self.valueType = valueType
    self.entries = entries
    self.otherwise = otherwise
    self.classification = classification
    self.enumeration = enumeration
    let byMember = enumeration?.members.map { entries[$0.name] ?? otherwise ?? .missing } ?? []
    self.byMember = byMember
    let memberLists = MemberLists(members: byMember.count)
    self.memberLists = memberLists
    byMemberList = memberLists.all.map { list in
      Value.possibilities(list.map { byMember[safe: $0] ?? .missing })
    }
    guard let classification else {
      resolved = [:]
      bySlot = []
      return
    }
    let resolved = LookupTable.resolve(classification, entries, otherwise)
    self.resolved = resolved
    bySlot = LookupTable.slotAnswers(classification, entries, otherwise, resolved)
  }

  /// The answer for every major group and two-digit group of `classification`.
  private static func resolve(
    _ classification: Classification, _ entries: [String: Value], _ otherwise: Value?
  ) -> [String: Value] {
    // The listed three-character codes by their first two characters, gathered in one pass
    // (in the dictionary's order, as a scan per group would meet them) rather than scanning
    // every entry for every group.
    var listedUnder: [String: [Value]] = [:]
    for (key, value) in entries where key.count == 3 {
      listedUnder[String(key.prefix(2)), default: []].append(value)
    }
    var resolved: [String: Value] = [:]
    for major in classification.majorGroups {
      var values: [Value] = []
      for group in major.firstGroup...max(major.firstGroup, major.lastGroup) {
        let text = group < 10 ? "0\(group)" : "\(group)"
        guard let code = classification.code(text) else { continue }
        // A group: itself (and its unlisted minor groups) and every listed minor group.
        var groupValues = [LookupTable.mostSpecific(code.path, entries, otherwise)]
        if text.count == 2 {
          groupValues += listedUnder[text] ?? []
        } else {
          for (key, value) in entries where key.count == 3 && key.hasPrefix(text) {
            groupValues.append(value)
          }
        }
        let groupValue = Value.possibilities(groupValues.sorted(by: Value.displayOrder))
        resolved[text] = groupValue
        values.append(groupValue)
      }
      // A major group: every two-digit group it covers.
      resolved[major.letter] = Value.possibilities(values.sorted(by: Value.displayOrder))
    }
    return resolved
  }

  /// The general look-up's answer for the code `classification` makes in each slot, built in
  /// slot order (letters, groups, three-digit codes) without a dictionary or a string per code.
  private static func slotAnswers(
    _ classification: Classification, _ entries: [String: Value], _ otherwise: Value?,
    _ resolved: [String: Value]
  ) -> [SlotAnswer] {
    typealias Slot = IndustryCode.Slot
    let none = SlotAnswer(majorGroup: 0, value: .missing)
    var answers: [SlotAnswer] = []
    answers.reserveCapacity(Slot.count)
    // A letter or group is answered by its text alone (`resolved`).
    for index in Slot.letters {
      let letter = UInt8(ascii: "A") + UInt8(truncatingIfNeeded: index - Slot.letters.lowerBound)
      let text = String(decoding: [letter], as: UTF8.self)
      let isMajorGroup = classification.majorGroups.contains { $0.letter == text }
      answers.append(
        isMajorGroup ? SlotAnswer(majorGroup: letter, value: resolved[text] ?? .missing) : none)
    }
    // A three-digit code not listed is answered as its group's path ([group, letter]) is.
    var unlistedUnder: [SlotAnswer] = []
    for group in 0..<Slot.groups.count {
      guard group >= 1, let majorText = classification.letter(ofGroup: group),
        let letter = Slot.letter(majorText)
      else {
        answers.append(none)
        unlistedUnder.append(none)
        continue
      }
      let text = group < 10 ? "0\(group)" : "\(group)"
      answers.append(SlotAnswer(majorGroup: letter, value: resolved[text] ?? .missing))
      unlistedUnder.append(
        SlotAnswer(
          majorGroup: letter,
          value: LookupTable.mostSpecific([text, majorText], entries, otherwise)))
    }
    for index in Slot.minorGroups {
      let number = index - Slot.minorGroups.lowerBound
      answers.append(unlistedUnder[safe: number / 10] ?? none)
    }
    // The listed three-digit codes of groups the classification has.
    for (key, value) in entries where key.utf8.count == 3 {
      guard let index = Slot.index(of: key), Slot.minorGroups.contains(index),
        let answer = answers[safe: index], answer.majorGroup != 0
      else { continue }
      answers[index] = SlotAnswer(majorGroup: answer.majorGroup, value: value)
    }
    return answers
  }

  /// Looks a value up. A code stands for every industry under it: the longest listed code on
  /// its path decides, and a letter or group whose industries disagree gives `oneOf` them.
  public func lookup(_ key: Value) -> Value {
    switch key {
    case .member(let index): return answer(forMember: index)
    case .code(let code):
      if let slot = code.slot, let answer = answer(for: slot) { return answer }
    case .oneOf(let keys):
      if let answer = answer(forMembers: keys) { return answer }
      return Value.possibilities(keys.map(lookup))
    default: break
    }
    return generalLookup(key)
  }

  /// The answer for member `index` (missing for no member).
  @inline(__always)
  func answer(forMember index: Int) -> Value {
    byMember[safe: index] ?? .missing
  }

  /// The answer for the code in `slot`, if this table's classification makes that code: then
  /// it is the code this slot's answer was worked out for, the same text and path.
  @inline(__always)
  func answer(for slot: IndustryCode.Slot) -> Value? {
    guard let answer = bySlot[safe: Int(slot.index)], answer.majorGroup == slot.majorGroup
    else { return nil }
    return answer.value
  }

  /// The answer for a `oneOf` of distinct members, if it is short enough to be kept.
  func answer(forMembers keys: [Value]) -> Value? {
    memberLists.index(of: keys).flatMap { byMemberList[safe: $0] }
  }

  /// The look-up by definition, which the shortcuts of `lookup` must agree with: a member by
  /// index, a three-step code path walked through `entries`, any other code by its text in
  /// `resolved`, a `oneOf` possibility by possibility.
  @inline(never)
  func generalLookup(_ key: Value) -> Value {
    switch key {
    case .missing: return .missing
    case .oneOf(let keys): return Value.possibilities(keys.map(generalLookup))
    case .member(let index):
      return byMember[safe: index] ?? .missing
    case .code(let code):
      if code.path.count == 3 { return LookupTable.mostSpecific(code.path, entries, otherwise) }
      return resolved[code.text] ?? .missing
    default:
      return .missing
    }
  }

  private static func mostSpecific(
    _ path: [String], _ entries: [String: Value], _ otherwise: Value?
  )
    -> Value
  {
    for step in path {
      if let value = entries[step] { return value }
    }
    return otherwise ?? .missing
  }
}

/// Numbers the lists of distinct members of an enumeration, shortest first, as long as there
/// are at most `capacity` lists in all (an enumeration of 4 members: all 65 lists; of 8: the
/// 65 lists of up to 2).
///
/// Within a length, a list is numbered by the rank of each member among those not yet in it,
/// the first member's rank varying fastest: with members 0–3, `[1]` is 1, `[0, 1]` is 0 and
/// `[1, 0]` is 1 among the lists of two.
struct MemberLists: Sendable {
  /// The most lists numbered: their answers are worked out when the table is built.
  static let capacity = 256
  /// The number of members (at most 64, so a set of them fits in a word).
  let members: Int
  /// The number of the first list of each length, and one past the last list.
  let starts: [Int]

  /// The longest list numbered (0 for none).
  var longest: Int { starts.count - 2 }

  init(members: Int) {
    self.members = members
    guard members > 0 && members <= UInt64.bitWidth else {
      starts = [0, 0]
      return
    }
    var starts = [0]
    var lists = 1  // of length 0
    var total = 0
    while lists <= MemberLists.capacity - total {
      total += lists
      starts.append(total)
      let length = starts.count - 2
      guard length < members else { break }
      lists *= members - length  // no overflow: lists ≤ capacity before this
    }
    // `starts` ends one past the last list of the longest length numbered.
    self.starts = starts.count >= 2 ? starts : [0, 0]
  }

  /// The number of `keys`, if they are distinct members and few enough.
  func index(of keys: [Value]) -> Int? {
    guard keys.count <= longest, let start = starts[safe: keys.count] else { return nil }
    var used: UInt64 = 0
    var number = 0
    var weight = 1
    // By index, not `for key in keys`: matching the element in place reads the member
    // without copying each `Value` out of the array.
    for position in 0..<keys.count {
      guard case .member(let member) = keys[position], member >= 0 && member < members else {
        return nil
      }
      let bit: UInt64 = 1 << UInt64(member)
      guard used & bit == 0 else { return nil }
      // The member's rank among those not in the list yet, by a loop over the few before it:
      // cheaper than a population count, which the baseline x86-64 target has no instruction
      // for.
      var rank = member
      for earlier in 0..<position {
        if case .member(let other) = keys[earlier], other < member { rank -= 1 }
      }
      number += rank * weight
      weight *= members - position
      used |= bit
    }
    return start + number
  }

  /// Every list numbered, in order of number.
  var all: [[Int]] {
    var lists: [[Int]] = []
    for length in 0...max(0, longest) where starts[safe: length + 1] != nil {
      let count = starts[length + 1] - starts[length]
      for number in 0..<count {
        var remaining = number
        var unused = Array(0..<members)
        var list: [Int] = []
        for position in 0..<length {
          let radix = members - position
          list.append(unused.remove(at: remaining % radix))
          remaining /= radix
        }
        lists.append(list)
      }
    }
    return lists
  }
}

extension Value {
  /// A stable order for sets of possibilities, so output never depends on hashing:
  /// members by declaration order, numbers and dates by value, anything else by its text.
  static func displayOrder(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.member(let x), .member(let y)): return x < y
    case (.number(let x), .number(let y)): return x < y
    case (.date(let x), .date(let y)): return x < y
    case (.text(let x), .text(let y)): return x < y
    default: return String(describing: a) < String(describing: b)
    }
  }
}
