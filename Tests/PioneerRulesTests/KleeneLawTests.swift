import PioneerTestSupport
import Testing

@testable import PioneerRules

/// The three-valued logic of the rule language obeys Kleene's laws, over records whose
/// boolean inputs are drawn at random from true, false and missing (unknown).
@Suite struct KleeneLawTests {
  /// The minimal rule file plus three boolean inputs and one definition per law.
  static let rules =
    MinimalRules.header + """
      input a: boolean "a"
      input b: boolean "b"
      input c: boolean "c"

      define a_and_b "a and b" = a and b
      define b_and_a "b and a" = b and a
      define a_or_b "a or b" = a or b
      define b_or_a "b or a" = b or a
      define false_and_a "false and a" = false and a
      define a_and_false "a and false" = a and false
      define true_or_a "true or a" = true or a
      define a_or_true "a or true" = a or true
      define not_of_and "not (a and b)" = not (a and b)
      define or_of_nots "not a or not b" = not a or not b
      define not_of_or "not (a or b)" = not (a or b)
      define and_of_nots "not a and not b" = not a and not b
      define not_not_a "not not a" = not not a
      define a_itself "a" = a
      define conditional "if a then b else c" = if a then b else c
      define nested "(a or b) and not (b and c)" = (a or b) and not (b and c)

      """

  static let ruleSet: RuleSet = {
    do {
      return try RuleSet.load(text: rules, name: "kleene.rules")
    } catch {
      fatalError("kleene.rules does not load:\n\(error)")
    }
  }()

  static let cases = 1_000

  /// An input drawn uniformly from true, false and missing.
  static func draw(_ random: inout SplitMix64) -> Value {
    [Value.boolean(true), .boolean(false), .missing].randomElement(using: &random)!
  }

  /// A record with inputs a, b, c.
  static func record(_ a: Value, _ b: Value, _ c: Value) -> Record {
    var values = Array(repeating: Value.missing, count: ruleSet.schema.inputs.count)
    for (name, value) in [("a", a), ("b", b), ("c", c)] {
      values[ruleSet.schema.input(named: name)!.slot] = value
    }
    return Record(line: 2, values: values)
  }

  static func truth(_ definition: String, _ record: Record) -> Truth {
    ruleSet.value(of: ruleSet.definition(named: definition)!, in: record).truth
  }

  /// Runs `check` on `cases` random records (a, b, c) from a fixed seed.
  static func forAll(seed: UInt64, _ check: (Value, Value, Value, Record) -> Void) {
    var random = SplitMix64(seed: seed)
    for _ in 0..<cases {
      let (a, b, c) = (draw(&random), draw(&random), draw(&random))
      check(a, b, c, record(a, b, c))
    }
  }

  // MARK: An independent oracle: Kleene's strong logic on Bool?

  static func kleene(_ value: Value) -> Bool? {
    if case .boolean(let b) = value { return b }
    return nil
  }

  static func and(_ x: Bool?, _ y: Bool?) -> Bool? {
    if x == false || y == false { return false }
    return x == true && y == true ? true : nil
  }

  static func or(_ x: Bool?, _ y: Bool?) -> Bool? {
    if x == true || y == true { return true }
    return x == false && y == false ? false : nil
  }

  static func not(_ x: Bool?) -> Bool? { x.map { !$0 } }

  static func asTruth(_ x: Bool?) -> Truth { x.map(Truth.init) ?? .unknown }

  // MARK: Laws

  @Test func falseAndAnythingIsFalse() {
    Self.forAll(seed: 1) { a, _, _, record in
      #expect(Self.truth("false_and_a", record) == .no, "a = \(a)")
      #expect(Self.truth("a_and_false", record) == .no, "a = \(a)")
    }
  }

  @Test func trueOrAnythingIsTrue() {
    Self.forAll(seed: 2) { a, _, _, record in
      #expect(Self.truth("true_or_a", record) == .yes, "a = \(a)")
      #expect(Self.truth("a_or_true", record) == .yes, "a = \(a)")
    }
  }

  @Test func deMorganNotOfAndIsOrOfNots() {
    Self.forAll(seed: 3) { a, b, _, record in
      #expect(
        Self.truth("not_of_and", record) == Self.truth("or_of_nots", record), "a = \(a), b = \(b)")
    }
  }

  @Test func deMorganNotOfOrIsAndOfNots() {
    Self.forAll(seed: 4) { a, b, _, record in
      #expect(
        Self.truth("not_of_or", record) == Self.truth("and_of_nots", record), "a = \(a), b = \(b)")
    }
  }

  @Test func doubleNegationGivesBackTheValue() {
    Self.forAll(seed: 5) { a, _, _, record in
      #expect(Self.truth("not_not_a", record) == Self.truth("a_itself", record), "a = \(a)")
      #expect(Self.truth("not_not_a", record) == Self.asTruth(Self.kleene(a)), "a = \(a)")
    }
  }

  @Test func andAndOrAreCommutative() {
    Self.forAll(seed: 6) { a, b, _, record in
      #expect(Self.truth("a_and_b", record) == Self.truth("b_and_a", record), "a = \(a), b = \(b)")
      #expect(Self.truth("a_or_b", record) == Self.truth("b_or_a", record), "a = \(a), b = \(b)")
    }
  }

  @Test func conditionalOnAnUnknownConditionIsDecidedExactlyWhenBothBranchesAgree() {
    Self.forAll(seed: 7) { a, b, c, record in
      let result = Self.truth("conditional", record)
      switch Self.kleene(a) {
      case true?: #expect(result == Self.asTruth(Self.kleene(b)))
      case false?: #expect(result == Self.asTruth(Self.kleene(c)))
      case nil:
        let agreed = Self.kleene(b) != nil && Self.kleene(b) == Self.kleene(c)
        #expect(result == (agreed ? Self.asTruth(Self.kleene(b)) : .unknown), "b = \(b), c = \(c)")
      }
    }
  }

  @Test func everyDefinitionMatchesTheKleeneOracle() {
    Self.forAll(seed: 8) { a, b, c, record in
      let (x, y, z) = (Self.kleene(a), Self.kleene(b), Self.kleene(c))
      let oracle: [String: Bool?] = [
        "a_and_b": Self.and(x, y), "a_or_b": Self.or(x, y),
        "not_of_and": Self.not(Self.and(x, y)), "not_of_or": Self.not(Self.or(x, y)),
        "nested": Self.and(Self.or(x, y), Self.not(Self.and(y, z))),
      ]
      for (name, expected) in oracle {
        #expect(Self.truth(name, record) == Self.asTruth(expected), "\(name) at \(a), \(b), \(c)")
      }
    }
  }

  /// Knowing more never changes a decided answer: replacing a missing input by true or false
  /// leaves every decided definition as it was (it can only decide an unknown one).
  @Test func fillingInAMissingValueNeverReversesADecidedResult() {
    let definitions = Self.ruleSet.definitions.map(\.name)
    var random = SplitMix64(seed: 9)
    var refinements = 0
    while refinements < Self.cases {
      var inputs = [Self.draw(&random), Self.draw(&random), Self.draw(&random)]
      guard
        let missing = inputs.indices.filter({ inputs[$0].isMissing }).randomElement(using: &random)
      else { continue }
      let before = Self.record(inputs[0], inputs[1], inputs[2])
      inputs[missing] = .boolean(Bool.random(using: &random))
      let after = Self.record(inputs[0], inputs[1], inputs[2])
      for name in definitions {
        let old = Self.truth(name, before)
        if old != .unknown {
          #expect(Self.truth(name, after) == old, "\(name): \(before.values) → \(after.values)")
        }
      }
      refinements += 1
    }
  }
}
