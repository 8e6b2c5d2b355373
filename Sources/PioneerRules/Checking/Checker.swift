/// Turns a syntax tree into a `RuleSet`, or into the list of everything wrong with it:
/// unknown names, type errors, duplicate names and ids, cycles among definitions, missing
/// required declarations. It checks every declaration even after an error, so one run
/// reports every problem.
struct Checker {
  let tree: SyntaxTree
  private(set) var diagnostics: [Diagnostic] = []

  // Declarations by name, filled in `collect()`.
  private var firstDeclaration: [String: Token] = [:]
  private var enums: [String: EnumDeclaration] = [:]
  private var classifications: [String: Classification] = [:]
  private var inputs: [InputDeclaration] = []
  private var inputsByName: [String: InputDeclaration] = [:]
  private var booleanWords = BooleanWords(trueWords: [], falseWords: [])
  private var parameterSyntax: [String: ParameterSyntax] = [:]
  private var parameterValues: [String: (Value, RuleType)] = [:]
  private var defineSyntax: [String: DefineSyntax] = [:]
  private var defineOrder: [String] = []
  private var defineTypes: [String: RuleType] = [:]
  /// Parameters and definitions: false while being checked, true once done.
  private var nameState: [String: Bool] = [:]
  /// The parameters and definitions being checked, outermost first.
  private var checkingStack: [String] = []
  /// Parameters and definitions found wrong; their errors are already reported, so a use of
  /// one is not checked (nor reported) again.
  private var failed: Set<String> = []
  /// The longest chain of evaluation steps (expression nodes and definitions) in each
  /// definition, which is how deep the evaluator recurses for it.
  private var definitionDepths: [String: Int] = [:]
  /// How many `typeOf` calls are under way, which is how deep the checker recurses.
  private var nesting = 0
  private var reportedTooDeep = false
  /// Bounds the nesting of definitions, so that a long chain of them is an error, not a stack
  /// overflow in the checker or the evaluator. Above the parser's bound on one expression.
  static let maximumNesting = 250
  private var tableSyntax: [String: TableSyntax] = [:]
  private var tables: [String: (index: Int, table: LookupTable)] = [:]

  // Side tables for the planner.
  private(set) var types: [ExprID: RuleType] = [:]
  private(set) var bindings: [ExprID: Binding] = [:]

  init(tree: SyntaxTree) {
    self.tree = tree
  }

  // MARK: Entry point

  mutating func check() -> RuleSet? {
    collect()
    buildTables()
    for name in parameterSyntax.keys.sorted() { _ = parameterValue(name) }
    for name in defineOrder { _ = defineType(name) }
    let settings = rulesetSettings()
    let (tiers, criteria) = checkTiers()
    let checks = checkConsistencyChecks()
    let outcomes = checkOutcomes(tiers: tiers)
    let award = checkAward(tiers: tiers)
    guard diagnostics.isEmpty, let settings else { return nil }

    let definitions = defineOrder.enumerated().compactMap { slot, name -> Definition? in
      guard let syntax = defineSyntax[name] else { return nil }
      return Definition(
        name: name, label: syntax.label.label, type: defineTypes[name] ?? .boolean,
        expression: syntax.value, slot: slot)
    }
    let parameters = parameterSyntax.values.sorted { $0.name.span.start < $1.name.span.start }
      .map { syntax in
        let (value, type) = parameterValues[syntax.name.text] ?? (.missing, .boolean)
        return Parameter(
          name: syntax.name.text, label: syntax.label.label, value: value, type: type,
          expression: syntax.value)
      }
    let orderedTables = tables.values.sorted { $0.index < $1.index }.map(\.table)
    let reported = settings.reported.compactMap { name in
      definitions.first { $0.name == name }?.slot
    }
    let plan = Planner.plan(
      tree: tree, bindings: bindings, definitions: definitions, tables: orderedTables,
      criteria: criteria, checks: checks, reported: reported, tiers: tiers)
    return RuleSet(
      source: tree.source, name: settings.name, label: settings.label,
      fiscalYear: settings.fiscalYear, defaultReferenceDate: settings.defaultReferenceDate,
      schema: Schema(inputs: inputs, booleanWords: booleanWords, limits: settings.limits),
      enumerations: enums.values.sorted { $0.name < $1.name }, tables: orderedTables,
      parameters: parameters, definitions: definitions, tiers: tiers, criteria: criteria,
      checks: checks, outcomeLabels: outcomes, reported: reported, award: award, plan: plan,
      types: types, tree: tree)
  }

  // MARK: Collecting declarations

  private mutating func declare(_ token: Token, kind: String) -> Bool {
    if let first = firstDeclaration[token.text] {
      let line = tree.source.location(of: first.span.start).line
      error("duplicate name '\(token.text)': already declared on line \(line)", at: token.span)
      return false
    }
    firstDeclaration[token.text] = token
    return true
  }

  private mutating func collect() {
    var sawBooleans = false
    for declaration in tree.declarations {
      switch declaration {
      case .enumeration(let syntax):
        guard declare(syntax.name, kind: "enum") else { continue }
        var seen: [String: Token] = [:]
        var members: [EnumMember] = []
        for member in syntax.members {
          for spelling in [member.name] + member.aliases {
            let key = EnumDeclaration.fold(spelling.text)
            if seen[key] != nil {
              error(
                "'\(spelling.text)' already names a member of \(syntax.name.text)",
                at: spelling.span)
            }
            seen[key] = spelling
          }
          members.append(
            EnumMember(
              name: member.name.text, aliases: member.aliases.map(\.text),
              english: member.english?.text ?? ""))
        }
        if members.isEmpty {
          error("enum \(syntax.name.text) has no members", at: syntax.name.span)
        }
        enums[syntax.name.text] = EnumDeclaration(
          name: syntax.name.text, label: syntax.label.label, members: members)
      case .classification(let syntax):
        guard declare(syntax.name, kind: "classification") else { continue }
        classifications[syntax.name.text] = classification(syntax)
      case .booleans(let syntax):
        if sawBooleans { error("a second 'booleans' block", at: syntax.keyword.span) }
        sawBooleans = true
        booleanWords = BooleanWords(
          trueWords: syntax.trueWords.map(\.text), falseWords: syntax.falseWords.map(\.text))
        let overlap = Set(syntax.trueWords.map { EnumDeclaration.fold($0.text) })
          .intersection(syntax.falseWords.map { EnumDeclaration.fold($0.text) })
        for word in syntax.falseWords where overlap.contains(EnumDeclaration.fold(word.text)) {
          error("'\(word.text)' is both a true and a false word", at: word.span)
        }
      case .parameter(let syntax):
        if declare(syntax.name, kind: "parameter") { parameterSyntax[syntax.name.text] = syntax }
      case .define(let syntax):
        if declare(syntax.name, kind: "define") {
          defineSyntax[syntax.name.text] = syntax
          defineOrder.append(syntax.name.text)
        }
      case .table(let syntax):
        if declare(syntax.name, kind: "table") { tableSyntax[syntax.name.text] = syntax }
      default:
        break
      }
    }
    // Inputs after enums and classifications, so their types resolve wherever declared.
    for declaration in tree.declarations {
      guard case .input(let syntax) = declaration, declare(syntax.name, kind: "input") else {
        continue
      }
      guard let type = inputType(syntax.type) else { continue }
      var role: InputRole?
      if let roleToken = syntax.role {
        role = InputRole(rawValue: roleToken.text)
        if role == nil { error("an input's role is 'as id' or 'as name'", at: roleToken.span) }
        if let role, inputs.contains(where: { $0.role == role }) {
          error("a second input with role '\(role.rawValue)'", at: roleToken.span)
        }
      }
      var columns = [syntax.label.ja?.text, syntax.name.text].compactMap { $0 }
      columns += syntax.columns.map(\.text)
      let input = InputDeclaration(
        name: syntax.name.text, slot: inputs.count, type: type, label: syntax.label.label,
        columnNames: columns, role: role)
      inputs.append(input)
      inputsByName[input.name] = input
      if type == .boolean && !sawBooleans {
        error("boolean input '\(input.name)' needs a 'booleans' block", at: syntax.type.name.span)
      }
    }
    for role in [InputRole.id, .name] where !inputs.contains(where: { $0.role == role }) {
      error(
        "no input is marked 'as \(role.rawValue)': a record needs one",
        at: SourceSpan(start: 0, end: 0))
    }
  }

  private mutating func classification(_ syntax: ClassificationSyntax) -> Classification {
    var groups: [Classification.MajorGroup] = []
    for group in syntax.groups {
      guard let first = twoDigitGroup(group.first) else { continue }
      var last = first
      if let lastToken = group.last {
        guard let value = twoDigitGroup(lastToken) else { continue }
        last = value
      }
      if last < first { error("the range runs backwards", at: group.first.span) }
      if let clash = groups.first(where: { $0.firstGroup <= last && first <= $0.lastGroup }) {
        error("groups overlap those of \(clash.letter)", at: group.first.span)
      }
      if group.letter.text.unicodeScalars.count != 1
        || !(group.letter.text.unicodeScalars.first?.properties.isUppercase ?? false)
      {
        error("a major group is one upper-case letter", at: group.letter.span)
      }
      groups.append(
        Classification.MajorGroup(letter: group.letter.text, firstGroup: first, lastGroup: last))
    }
    return Classification(name: syntax.name.text, label: syntax.label.label, majorGroups: groups)
  }

  private mutating func twoDigitGroup(_ token: Token) -> Int? {
    guard token.text.unicodeScalars.count == 2,
      token.text.unicodeScalars.allSatisfy({ (48...57).contains($0.value) }),
      let value = Int(token.text), value >= 1
    else {
      error("a group is two digits from 01 to 99, found \"\(token.text)\"", at: token.span)
      return nil
    }
    return value
  }

  private mutating func inputType(_ syntax: TypeSyntax) -> InputType? {
    if let words = syntax.noneWords {
      guard syntax.name.text == "date" else {
        error("only 'date' may be combined with 'or none'", at: syntax.name.span)
        return nil
      }
      return .dateOrNone(noneWords: words.map(\.text))
    }
    switch syntax.name.text {
    case "text": return .text
    case "count": return .count
    case "decimal": return .decimal
    case "yen": return .yen
    case "date": return .date
    case "boolean": return .boolean
    default:
      if let e = enums[syntax.name.text] { return .enumeration(e) }
      if let c = classifications[syntax.name.text] { return .code(c) }
      error(
        "unknown type '\(syntax.name.text)' (text, count, decimal, yen, date, boolean, or an enum or classification)",
        at: syntax.name.span)
      return nil
    }
  }

  /// The expression type of a value type written in a declaration.
  private mutating func ruleType(_ syntax: TypeSyntax) -> RuleType? {
    switch syntax.name.text {
    case "number": return .number(.plain)
    case "ratio": return .number(.ratio)
    default: return inputType(syntax).map(RuleType.init(input:))
    }
  }

  // MARK: Tables

  private mutating func buildTables() {
    for syntax in tableSyntax.values.sorted(by: { $0.name.span.start < $1.name.span.start }) {
      guard let keyType = ruleType(syntax.keyType), let valueType = ruleType(syntax.valueType)
      else { continue }
      var classification: Classification?
      var enumeration: EnumDeclaration?
      switch keyType {
      case .code(let name): classification = classifications[name]
      case .enumeration(let name): enumeration = enums[name]
      default:
        error(
          "a table's key is a classification or an enum, not \(keyType)",
          at: syntax.keyType.name.span)
        continue
      }
      var entries: [String: Value] = [:]
      var keyTokens: [String: Token] = [:]
      for entry in syntax.entries {
        guard let value = constant(entry.value, expected: valueType) else { continue }
        for key in entry.keys {
          for text in expandKey(key, classification: classification, enumeration: enumeration) {
            if let first = keyTokens[text] {
              let line = tree.source.location(of: first.span.start).line
              error("key \"\(text)\" is already listed on line \(line)", at: key.first.span)
            }
            keyTokens[text] = key.first
            entries[text] = value
          }
        }
      }
      let otherwise = syntax.otherwise.flatMap { constant($0, expected: valueType) }
      let table = LookupTable(
        name: syntax.name.text, label: syntax.label.label, keyType: keyType, valueType: valueType,
        entries: entries, otherwise: otherwise, classification: classification,
        enumeration: enumeration)
      tables[syntax.name.text] = (tables.count, table)
    }
  }

  private mutating func expandKey(
    _ key: TableSyntax.Key, classification: Classification?, enumeration: EnumDeclaration?
  ) -> [String] {
    if let enumeration {
      guard let index = enumeration.member(spelled: key.first.text) else {
        error("\"\(key.first.text)\" is not a member of \(enumeration.name)", at: key.first.span)
        return []
      }
      if key.last != nil { error("a range needs codes, not enum members", at: key.first.span) }
      return [enumeration.members[index].name]
    }
    guard let classification else { return [] }
    guard let first = classification.code(key.first.text) else {
      error("\"\(key.first.text)\" is not a \(classification.name) code", at: key.first.span)
      return []
    }
    guard let lastToken = key.last else { return [first.text] }
    guard let last = classification.code(lastToken.text), last.text.count == first.text.count,
      let low = Int(first.text), let high = Int(last.text), low <= high
    else {
      error(
        "a range runs between two numeric codes of the same length, low to high",
        at: lastToken.span)
      return []
    }
    let width = first.text.count
    return (low...high).map { number in
      let text = String(number)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
  }

  /// Evaluates a constant expression (a parameter, a table value, a setting).
  private mutating func constant(_ expr: Expr, expected: RuleType?) -> Value? {
    guard let type = typeOf(expr, expected: expected) else { return nil }
    if let expected, !type.isCompatible(with: expected) {
      error("expected \(expected), found \(type)", at: tree.span(of: expr.id))
      return nil
    }
    guard let value = ConstantFolder(bindings: bindings, tree: tree).fold(expr) else {
      error("must be a constant: literals and parameters only", at: tree.span(of: expr.id))
      return nil
    }
    return value
  }

  // MARK: Parameters and definitions

  private mutating func parameterValue(_ name: String) -> (Value, RuleType)? {
    if let known = parameterValues[name] { return known }
    guard let syntax = parameterSyntax[name], beginChecking(name, at: syntax.name) else {
      return nil
    }
    defer { endChecking(name) }
    let declared = syntax.type.flatMap { ruleType($0) }
    guard let found = typeOf(syntax.value, expected: declared),
      let value = constant(syntax.value, expected: declared ?? found)
    else {
      failed.insert(name)
      return nil
    }
    let type = declared ?? found
    parameterValues[name] = (value, type)
    return (value, type)
  }

  private mutating func defineType(_ name: String) -> RuleType? {
    if let type = defineTypes[name] { return type }
    guard let syntax = defineSyntax[name], beginChecking(name, at: syntax.name) else {
      return nil
    }
    defer { endChecking(name) }
    let declared = syntax.type.flatMap { ruleType($0) }
    guard let found = typeOf(syntax.value, expected: declared) else {
      failed.insert(name)
      return nil
    }
    if let declared, !found.isCompatible(with: declared) {
      error(
        "'\(name)' is declared \(declared) but its value is \(found)",
        at: tree.span(of: syntax.value.id))
      failed.insert(name)
      return nil
    }
    let depth = evaluationDepth(syntax.value)
    guard depth <= Checker.maximumNesting else {
      reportTooDeep(name, at: syntax.name.span)
      failed.insert(name)
      return nil
    }
    definitionDepths[name] = depth
    let type = declared ?? found
    defineTypes[name] = type
    return type
  }

  /// Starts checking a parameter or definition; false (after reporting a cycle) when it is
  /// already being checked, and false (silently) when it was found wrong before.
  private mutating func beginChecking(_ name: String, at token: Token) -> Bool {
    if failed.contains(name) { return false }
    if nameState[name] == false {
      let cycle = (checkingStack.drop { $0 != name } + [name]).joined(separator: " → ")
      let kind = parameterSyntax[name] != nil ? "parameters" : "definitions"
      error("\(kind) form a cycle: \(cycle)", at: token.span)
      failed.insert(name)
      return false
    }
    nameState[name] = false
    checkingStack.append(name)
    return true
  }

  private mutating func endChecking(_ name: String) {
    checkingStack.removeLast()
    nameState[name] = true
  }

  /// The longest chain of evaluation steps in an expression, through the definitions it uses.
  private func evaluationDepth(_ expr: Expr) -> Int {
    if case .definition(let slot)? = bindings[expr.id] {
      return 1 + (defineOrder[safe: slot].flatMap { definitionDepths[$0] } ?? 0)
    }
    return 1 + (expr.kind.children.map { evaluationDepth($0) }.max() ?? 0)
  }

  private mutating func reportTooDeep(_ name: String, at span: SourceSpan) {
    error(
      "'\(name)' depends on more than \(Checker.maximumNesting) levels of nested definitions and operators",
      at: span)
  }

  // MARK: Ruleset block

  private struct Settings {
    var name = ""
    var label = Label(ja: "", en: "")
    var fiscalYear: Int?
    var defaultReferenceDate = CivilDate(dayNumber: 0)
    var limits = ValueLimits(maximumCount: .zero, maximumDecimal: .zero, maximumYen: .zero)
    var reported: [String] = []
  }

  private mutating func rulesetSettings() -> Settings? {
    let blocks = tree.declarations.compactMap { declaration -> RulesetSyntax? in
      if case .ruleset(let syntax) = declaration { return syntax }
      return nil
    }
    guard let syntax = blocks.first else {
      error(
        "no 'ruleset' block: a rule set needs its name and default reference date",
        at: SourceSpan(start: 0, end: 0))
      return nil
    }
    for extra in blocks.dropFirst() { error("a second 'ruleset' block", at: extra.keyword.span) }
    var settings = Settings(name: syntax.name.text, label: syntax.label.label)
    var seen: Set<String> = []
    var limits: [String: ExactNumber] = [:]
    for (name, expr) in syntax.settings {
      if !seen.insert(name.text).inserted {
        error("setting '\(name.text)' given twice", at: name.span)
      }
      switch name.text {
      case "fiscal_year":
        if case .number(let n)? = constant(expr, expected: .number(.plain)) {
          guard let year = n.int64Value, (1...9999).contains(year) else {
            error("fiscal_year is a year: a whole number such as 2021", at: tree.span(of: expr.id))
            continue
          }
          settings.fiscalYear = Int(year)
        }
      case "default_reference_date":
        if case .date(let date)? = constant(expr, expected: .date) {
          settings.defaultReferenceDate = date
        }
      case "maximum_count", "maximum_decimal", "maximum_yen":
        if case .number(let n)? = constant(expr, expected: .number(.plain)) {
          guard ExactNumber.zero < n else {
            error("\(name.text) must be greater than 0", at: tree.span(of: expr.id))
            continue
          }
          limits[name.text] = n
        }
      case "reported":
        guard case .list(let items) = expr.kind else {
          error("'reported' is a list of definitions: [small_business, …]", at: name.span)
          continue
        }
        for item in items {
          guard case .name(let defined) = item.kind, defineSyntax[defined] != nil else {
            error("'reported' lists definitions only", at: tree.span(of: item.id))
            continue
          }
          settings.reported.append(defined)
        }
      default:
        error(
          "unknown setting '\(name.text)' (fiscal_year, default_reference_date, maximum_count, maximum_decimal, maximum_yen, reported)",
          at: name.span)
      }
    }
    // A setting given with a wrong value is reported above; only an absent one is reported here.
    if !seen.contains("default_reference_date") {
      error("the ruleset block needs default_reference_date", at: syntax.name.span)
    }
    for key in ["maximum_count", "maximum_decimal", "maximum_yen"] where !seen.contains(key) {
      error("the ruleset block needs \(key)", at: syntax.name.span)
    }
    settings.limits = ValueLimits(
      maximumCount: limits["maximum_count"] ?? .zero,
      maximumDecimal: limits["maximum_decimal"] ?? .zero, maximumYen: limits["maximum_yen"] ?? .zero
    )
    return settings
  }

  // MARK: Tiers, checks, outcomes, award

  private mutating func checkTiers() -> ([Tier], [Criterion]) {
    var tiers: [Tier] = []
    var criteria: [Criterion] = []
    var tierIndex: [String: Int] = [:]
    for declaration in tree.declarations {
      guard case .tier(let syntax) = declaration, declare(syntax.name, kind: "tier") else {
        continue
      }
      var requires: Int?
      if let required = syntax.requires {
        requires = tierIndex[required.text]
        if requires == nil {
          error(
            "tier '\(syntax.name.text)' requires '\(required.text)', which is not an earlier tier",
            at: required.span)
        } else if requires != tiers.count - 1 {
          error(
            "tiers nest in order: '\(syntax.name.text)' must require the tier just before it",
            at: required.span)
        }
      } else if !tiers.isEmpty {
        error("every tier after the first requires the one before it", at: syntax.name.span)
      }
      var own: [Int] = []
      for criterion in syntax.criteria {
        guard declare(criterion.id, kind: "criterion") else { continue }
        expectBoolean(criterion.condition, what: "criterion \(criterion.id.text)")
        own.append(criteria.count)
        criteria.append(
          Criterion(
            id: criterion.id.text, label: criterion.label.label,
            citation: criterion.source?.text ?? "", condition: criterion.condition,
            tier: tiers.count))
      }
      if own.isEmpty { error("tier '\(syntax.name.text)' has no criteria", at: syntax.name.span) }
      tierIndex[syntax.name.text] = tiers.count
      tiers.append(
        Tier(
          name: syntax.name.text, label: syntax.label.label,
          shortLabel: syntax.short?.text ?? syntax.label.label.ja, criteria: own, requires: requires
        ))
    }
    if tiers.isEmpty {
      error("no 'tier': a rule set needs at least one", at: SourceSpan(start: 0, end: 0))
    }
    return (tiers, criteria)
  }

  private mutating func checkConsistencyChecks() -> [ConsistencyCheck] {
    tree.declarations.compactMap { declaration in
      guard case .check(let syntax) = declaration, declare(syntax.name, kind: "check") else {
        return nil
      }
      expectBoolean(syntax.condition, what: "check \(syntax.name.text)")
      return ConsistencyCheck(
        name: syntax.name.text, label: syntax.label.label, condition: syntax.condition)
    }
  }

  static let requiredOutcomes = ["not_selected", "indeterminate", "invalid"]

  private mutating func checkOutcomes(tiers: [Tier]) -> [String: Label] {
    var labels: [String: Label] = [:]
    var sawBlock = false
    for declaration in tree.declarations {
      guard case .outcomes(let syntax) = declaration else { continue }
      if sawBlock { error("a second 'outcomes' block", at: syntax.keyword.span) }
      sawBlock = true
      for (name, label) in syntax.outcomes {
        guard Checker.requiredOutcomes.contains(name.text) else {
          error(
            "outcomes are \(Checker.requiredOutcomes.joined(separator: ", ")); tiers name the others",
            at: name.span)
          continue
        }
        labels[name.text] = label.label
      }
      for missing in Checker.requiredOutcomes where labels[missing] == nil {
        error("the outcomes block needs a label for '\(missing)'", at: syntax.keyword.span)
      }
    }
    if !sawBlock {
      error(
        "no 'outcomes' block with the labels of not_selected, indeterminate and invalid",
        at: SourceSpan(start: 0, end: 0))
    }
    return labels
  }

  private mutating func checkAward(tiers: [Tier]) -> AwardSettings? {
    var result: AwardSettings?
    for declaration in tree.declarations {
      guard case .award(let syntax) = declaration, declare(syntax.name, kind: "award") else {
        continue
      }
      guard let tier = tiers.firstIndex(where: { $0.name == syntax.among.text }) else {
        error("'\(syntax.among.text)' is not a tier", at: syntax.among.span)
        continue
      }
      var axes: [AwardSettings.Axis] = []
      for axis in syntax.axes {
        guard let weight = ExactNumber(decimalLiteral: Substring(axis.weight.text)) else {
          continue
        }
        if axes.contains(where: { $0.name == axis.name.text }) {
          error("axis '\(axis.name.text)' given twice", at: axis.name.span)
        }
        let columns =
          [axis.label.ja?.text].compactMap { $0 } + axis.columns.map(\.text) + [axis.name.text]
        axes.append(
          AwardSettings.Axis(
            name: axis.name.text, label: axis.label.label, weight: weight, columns: columns))
      }
      if axes.isEmpty { error("an award needs at least one 'axis'", at: syntax.name.span) }
      var numbers: [String: Int] = [:]
      for (name, value) in syntax.settings {
        guard ["winners", "minimum_reviews"].contains(name.text) else {
          error(
            "unknown award setting '\(name.text)' (reviewer, axis, scores, winners, minimum_reviews)",
            at: name.span)
          continue
        }
        guard let number = Int(value.text), number >= 1, number <= 1_000_000 else {
          error("'\(name.text)' is a whole number from 1", at: value.span)
          continue
        }
        numbers[name.text] = number
      }
      var low = 1
      var high = 5
      if let (lowToken, highToken) = syntax.scoreRange {
        guard let l = Int(lowToken.text), let h = Int(highToken.text), l <= h, h <= 1_000_000 else {
          error("scores run between two whole numbers, low to high", at: lowToken.span)
          continue
        }
        (low, high) = (l, h)
      } else {
        error("the award needs 'scores LOW..HIGH'", at: syntax.name.span)
      }
      for key in ["winners", "minimum_reviews"] where numbers[key] == nil {
        error("the award needs '\(key) N'", at: syntax.name.span)
      }
      guard let reviewerLabel = syntax.reviewerLabel?.label else {
        error(
          "the award needs 'reviewer \"…\"': the label of the reviewer column", at: syntax.name.span
        )
        continue
      }
      let reviewerColumns = [reviewerLabel.ja] + syntax.reviewerColumns.map(\.text)
      result = AwardSettings(
        name: syntax.name.text, label: syntax.label.label, tier: tier, reviewerLabel: reviewerLabel,
        reviewerColumns: reviewerColumns, axes: axes, lowestScore: low, highestScore: high,
        winners: numbers["winners"] ?? 1, minimumReviews: numbers["minimum_reviews"] ?? 1)
    }
    return result
  }

  // MARK: Expressions

  private mutating func expectBoolean(_ expr: Expr, what: String) {
    guard let type = typeOf(expr, expected: .boolean) else { return }
    if type != .boolean {
      error("\(what) must be true or false, but its value is \(type)", at: tree.span(of: expr.id))
    }
  }

  /// The type of an expression, recording it and its name bindings in the side tables; `nil`
  /// after reporting an error. `expected` lets a string literal name an enum member or a code.
  mutating func typeOf(_ expr: Expr, expected: RuleType?) -> RuleType? {
    if let known = types[expr.id] { return known }
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= Checker.maximumNesting else {
      // Only a chain of parameters or definitions gets here: one expression is bounded by the
      // parser. Report it at the outermost one, which depends on all the others, and only once
      // a file: the rest of a long chain would each be too deep again.
      if !reportedTooDeep, let outermost = checkingStack.first {
        let token = parameterSyntax[outermost]?.name ?? defineSyntax[outermost]?.name
        reportTooDeep(outermost, at: token?.span ?? tree.span(of: expr.id))
        reportedTooDeep = true
      }
      return nil
    }
    guard let type = infer(expr, expected: expected) else { return nil }
    types[expr.id] = type
    return type
  }

  private mutating func infer(_ expr: Expr, expected: RuleType?) -> RuleType? {
    let span = tree.span(of: expr.id)
    switch expr.kind {
    case .number(let value, let percent):
      bindings[expr.id] = .constant(.number(value))
      return .number(percent ? .ratio : .plain)
    case .string(let text):
      return stringLiteral(text, id: expr.id, span: span, expected: expected)
    case .date(let date):
      bindings[expr.id] = .constant(.date(date))
      return .date
    case .boolean(let value):
      bindings[expr.id] = .constant(.boolean(value))
      return .boolean
    case .duration(let amount, let unit):
      bindings[expr.id] = .constant(.duration(amount, unit))
      return .duration
    case .name(let name):
      return resolveName(name, id: expr.id, span: span)
    case .call(let name, let arguments):
      return call(name, arguments, id: expr.id, span: span, expected: expected)
    case .list(let items):
      guard let first = items.first else {
        error("an empty list", at: span)
        return nil
      }
      guard let element = typeOf(first, expected: expected) else { return nil }
      for item in items.dropFirst() {
        guard let type = typeOf(item, expected: element) else { continue }
        if !type.isCompatible(with: element) {
          error("a list mixes \(element) and \(type)", at: tree.span(of: item.id))
        }
      }
      return .list(element)
    case .not(let operand):
      requireType(operand, .boolean, "'not' takes true or false")
      return .boolean
    case .negate(let operand):
      guard let type = typeOf(operand, expected: nil) else { return nil }
      guard type.isNumber else {
        error("cannot negate \(type)", at: span)
        return nil
      }
      return type
    case .binary(let op, let left, let right):
      return binary(op, left, right, span: span)
    case .membership(let subject, let list, _), .within(let subject, let list):
      guard case .list = list.kind else {
        error("'in' and 'within' take a list literal [ … ]", at: tree.span(of: list.id))
        return nil
      }
      guard let subjectType = typeOf(subject, expected: nil) else { return nil }
      guard let listType = typeOf(list, expected: subjectType) else { return nil }
      if case .list(let element) = listType, !element.isCompatible(with: subjectType) {
        error("cannot look for \(subjectType) in a list of \(element)", at: span)
      }
      if case .within = expr.kind, case .code = subjectType {
      } else if case .within = expr.kind {
        error("'within' compares classification codes, not \(subjectType)", at: span)
      }
      return .boolean
    case .test(let subject, let kind, _):
      guard let type = typeOf(subject, expected: nil) else { return nil }
      if kind == .none && type != .dateOrNone {
        error("only a 'date or none' input can be 'none'; this is \(type)", at: span)
      }
      return .boolean
    case .conditional(let condition, let whenTrue, let whenFalse):
      requireType(condition, .boolean, "an 'if' condition must be true or false")
      guard let a = typeOf(whenTrue, expected: expected) else { return nil }
      guard let b = typeOf(whenFalse, expected: expected ?? a) else { return nil }
      guard a.isCompatible(with: b) else {
        error("the branches of 'if' differ: \(a) and \(b)", at: span)
        return nil
      }
      return a == b ? a : (a.isNumber ? .number(.plain) : a)
    }
  }

  private mutating func requireType(_ expr: Expr, _ type: RuleType, _ message: String) {
    guard let found = typeOf(expr, expected: type) else { return }
    if found != type { error("\(message), not \(found)", at: tree.span(of: expr.id)) }
  }

  private mutating func stringLiteral(
    _ text: String, id: ExprID, span: SourceSpan, expected: RuleType?
  ) -> RuleType? {
    switch expected {
    case .enumeration(let name)?, .list(.enumeration(let name))?:
      guard let declaration = enums[name], let index = declaration.member(spelled: text) else {
        let members = enums[name]?.members.map(\.name).joined(separator: ", ") ?? ""
        error("\"\(text)\" is not a member of \(name) (\(members))", at: span)
        return nil
      }
      bindings[id] = .constant(.member(index))
      return .enumeration(name)
    case .code(let name)?, .list(.code(let name))?:
      guard let code = classifications[name]?.code(text) else {
        error("\"\(text)\" is not a \(name) code", at: span)
        return nil
      }
      bindings[id] = .constant(.code(code))
      return .code(name)
    default:
      bindings[id] = .constant(.text(text))
      return .text
    }
  }

  private mutating func resolveName(_ name: String, id: ExprID, span: SourceSpan) -> RuleType? {
    if let input = inputsByName[name] {
      bindings[id] = .input(slot: input.slot)
      return RuleType(input: input.type)
    }
    if parameterSyntax[name] != nil {
      guard let (value, type) = parameterValue(name) else { return nil }
      bindings[id] = .constant(value)
      return type
    }
    if defineSyntax[name] != nil {
      guard let type = defineType(name), let slot = defineOrder.firstIndex(of: name) else {
        return nil
      }
      bindings[id] = .definition(slot: slot)
      return type
    }
    if name == "as_of" {
      bindings[id] = .asOf
      return .date
    }
    if tableSyntax[name] != nil {
      error("'\(name)' is a table: look a value up with \(name)(key)", at: span)
      return nil
    }
    var message = "unknown name '\(name)'"
    if let suggestion = closestName(to: name) { message += "; did you mean '\(suggestion)'?" }
    error(message, at: span)
    return nil
  }

  private mutating func call(
    _ name: String, _ arguments: [Expr], id: ExprID, span: SourceSpan, expected: RuleType?
  ) -> RuleType? {
    if name == "first_known" {
      guard let first = arguments.first else {
        error("first_known needs at least one argument", at: span)
        return nil
      }
      guard let type = typeOf(first, expected: expected) else { return nil }
      for argument in arguments.dropFirst() {
        guard let other = typeOf(argument, expected: type) else { continue }
        if !other.isCompatible(with: type) {
          error("first_known mixes \(type) and \(other)", at: tree.span(of: argument.id))
        }
      }
      bindings[id] = .firstKnown(arguments.map(\.id.raw))
      return type
    }
    guard let (index, table) = tables[name] else {
      if tableSyntax[name] != nil { return nil }  // its own errors are already reported
      error("unknown function '\(name)' (a table, or first_known)", at: span)
      return nil
    }
    guard arguments.count == 1, let argument = arguments.first else {
      error("table \(name) takes one key", at: span)
      return nil
    }
    guard let keyType = typeOf(argument, expected: table.keyType) else { return nil }
    if keyType != table.keyType {
      error(
        "table \(name) is keyed by \(table.keyType), not \(keyType)", at: tree.span(of: argument.id)
      )
    }
    bindings[id] = .lookup(table: index, key: argument.id.raw)
    return table.valueType
  }

  private mutating func binary(_ op: BinaryOperator, _ left: Expr, _ right: Expr, span: SourceSpan)
    -> RuleType?
  {
    switch op {
    case .and, .or:
      requireType(left, .boolean, "'\(op.rawValue)' takes true or false")
      requireType(right, .boolean, "'\(op.rawValue)' takes true or false")
      return .boolean
    case .add, .subtract, .multiply, .divide:
      guard let l = typeOf(left, expected: nil), let r = typeOf(right, expected: nil) else {
        return nil
      }
      switch (l, r, op) {
      case (.number(let kind), .number, .divide):
        return .number(kind == .ratio ? .plain : .ratio)
      case (.number(let kind), .number, _):
        return .number(kind)
      case (.date, .duration, .add), (.date, .duration, .subtract),
        (.dateOrNone, .duration, .add), (.dateOrNone, .duration, .subtract):
        return .date
      default:
        error("cannot \(Checker.verb(op)) \(l) and \(r)", at: span)
        return nil
      }
    default:
      // Comparisons: a string literal on either side takes the other side's type.
      let literalLeft: Bool
      if case .string = left.kind { literalLeft = true } else { literalLeft = false }
      let first = literalLeft ? right : left
      let second = literalLeft ? left : right
      guard let a = typeOf(first, expected: nil), let b = typeOf(second, expected: a) else {
        return nil
      }
      guard a.isCompatible(with: b) else {
        error("cannot compare \(a) with \(b)", at: span)
        return nil
      }
      if op != .equal && op != .notEqual {
        switch a {
        case .number, .date, .dateOrNone: break
        default:
          error("'\(op.rawValue)' orders numbers and dates, not \(a)", at: span)
          return nil
        }
      }
      return .boolean
    }
  }

  private static func verb(_ op: BinaryOperator) -> String {
    switch op {
    case .add: return "add"
    case .subtract: return "subtract"
    case .multiply: return "multiply"
    default: return "divide"
    }
  }

  private func closestName(to name: String) -> String? {
    let candidates =
      Array(inputsByName.keys) + Array(parameterSyntax.keys) + Array(defineSyntax.keys) + ["as_of"]
    let scored = candidates.map { ($0, Checker.editDistance($0, name)) }
      .filter { $0.1 <= max(2, name.count / 3) }
    return scored.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }?.0
  }

  private static func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a)
    let y = Array(b)
    var row = Array(0...y.count)
    for i in 1...max(1, x.count) where !x.isEmpty {
      var previous = row[0]
      row[0] = i
      for j in 1...max(1, y.count) where !y.isEmpty {
        let saved = row[j]
        row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (x[i - 1] == y[j - 1] ? 0 : 1))
        previous = saved
      }
    }
    return row[y.count]
  }

  private mutating func error(_ message: String, at span: SourceSpan) {
    diagnostics.append(Diagnostic(message, at: span))
  }
}

extension RuleType {
  init(input: InputType) {
    switch input {
    case .text: self = .text
    case .count: self = .number(.count)
    case .decimal: self = .number(.decimal)
    case .yen: self = .number(.yen)
    case .date: self = .date
    case .dateOrNone: self = .dateOrNone
    case .boolean: self = .boolean
    case .enumeration(let e): self = .enumeration(e.name)
    case .code(let c): self = .code(c.name)
    }
  }
}
