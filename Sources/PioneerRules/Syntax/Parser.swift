/// Builds a `SyntaxTree` from tokens: one recursive-descent method per grammar rule
/// (Rules/README.md has the grammar). A syntax error abandons the current declaration only:
/// the parser skips to the next line that starts a declaration and goes on, so one run reports
/// every broken declaration. A declaration keyword at the start of a line always begins a new
/// declaration: it is never read as a name inside the previous one, so a declaration cut short
/// is reported on its own line and the next one is still parsed.
struct Parser {
  private let source: SourceFile
  private let tokens: [Token]
  private var position = 0
  /// Where the declaration being parsed starts.
  private var declarationStart = 0
  private var spans: [SourceSpan] = []
  private(set) var diagnostics: [Diagnostic] = []
  /// Bounds recursion so that a hostile file of nested parentheses is an error, not a crash.
  private var depth = 0
  static let maximumDepth = 200
  /// The height of each expression node built so far, by `ExprID.raw`. Operator chains
  /// (`a and b and …`) are parsed by loops, not recursion, but every later pass walks the tree
  /// recursively, so the tree's height is bounded as well as the parser's recursion.
  private var heights: [Int] = []
  private static let tooDeep = "expression nested more than \(maximumDepth) levels deep"

  private struct Abandon: Error {}

  static let declarationKeywords: Set<String> = [
    "ruleset", "booleans", "enum", "classification", "table", "input", "parameter", "define",
    "tier", "check", "outcomes", "award",
  ]

  init(source: SourceFile, tokens: [Token]) {
    self.source = source
    self.tokens = tokens
  }

  /// Parses a whole file.
  static func parse(_ source: SourceFile) -> (SyntaxTree, [Diagnostic]) {
    var lexer = Lexer(source)
    let tokens = lexer.tokens()
    var parser = Parser(source: source, tokens: tokens)
    let declarations = parser.file()
    let tree = SyntaxTree(source: source, declarations: declarations, spans: parser.spans)
    return (tree, lexer.diagnostics + parser.diagnostics)
  }

  // MARK: file := declaration*

  private mutating func file() -> [Declaration] {
    var declarations: [Declaration] = []
    while current.kind != .end {
      declarationStart = position
      do {
        declarations.append(try declaration())
      } catch {
        synchronize()
      }
    }
    return declarations
  }

  private mutating func declaration() throws -> Declaration {
    let keyword = current
    guard keyword.kind == .identifier, Parser.declarationKeywords.contains(keyword.text) else {
      throw fail(
        "expected a declaration (\(Parser.declarationKeywords.sorted().joined(separator: ", "))), found \(describe(keyword))"
      )
    }
    advance()
    switch keyword.text {
    case "ruleset": return .ruleset(try ruleset(keyword))
    case "booleans": return .booleans(try booleans(keyword))
    case "enum": return .enumeration(try enumeration())
    case "classification": return .classification(try classification())
    case "table": return .table(try table())
    case "input": return .input(try input())
    case "parameter": return .parameter(try parameter())
    case "define": return .define(try define())
    case "tier": return .tier(try tier())
    case "check": return .check(try check())
    case "outcomes": return .outcomes(try outcomes(keyword))
    default: return .award(try award())
    }
  }

  /// Skips to the next token that starts a line and is a declaration keyword, which may be the
  /// token the error was found at (but never the broken declaration's own keyword).
  private mutating func synchronize() {
    if position <= declarationStart { advance() }
    while current.kind != .end && !startsNextDeclaration(current) {
      advance()
    }
  }

  /// Whether a token is a declaration keyword at the start of a line after the one that began
  /// the current declaration: the end of the current declaration.
  private func startsNextDeclaration(_ token: Token) -> Bool {
    token.kind == .identifier && Parser.declarationKeywords.contains(token.text)
      && token.span.start > tokens[min(declarationStart, tokens.count - 1)].span.start
      && source.location(of: token.span.start).column == 1
  }

  // MARK: declarations

  // ruleset := "ruleset" IDENT label "{" (IDENT "=" expression)* "}"
  private mutating func ruleset(_ keyword: Token) throws -> RulesetSyntax {
    let name = try identifier("a rule-set name")
    let label = try labelSyntax()
    try expect("{")
    var settings: [(Token, Expr)] = []
    while !check("}") {
      let setting = try identifier("a setting name")
      try expect("=")
      settings.append((setting, try expression()))
    }
    try expect("}")
    return RulesetSyntax(keyword: keyword, name: name, label: label, settings: settings)
  }

  // booleans := "booleans" "{" "true" "=" strings "false" "=" strings "}"
  private mutating func booleans(_ keyword: Token) throws -> BooleansSyntax {
    try expect("{")
    var trueWords: [Token] = []
    var falseWords: [Token] = []
    while !check("}") {
      let which = try identifier("true or false")
      guard which.text == "true" || which.text == "false" else {
        throw fail("expected true or false, found \(describe(which))", at: which)
      }
      try expect("=")
      let words = try strings()
      if which.text == "true" { trueWords += words } else { falseWords += words }
    }
    try expect("}")
    return BooleansSyntax(keyword: keyword, trueWords: trueWords, falseWords: falseWords)
  }

  // enum := "enum" IDENT label "{" (STRING ["en" STRING] ["aliases" strings])* "}"
  private mutating func enumeration() throws -> EnumSyntax {
    let name = try identifier("an enumeration name")
    let label = try labelSyntax()
    try expect("{")
    var members: [EnumSyntax.Member] = []
    while !check("}") {
      let member = try string("a member name")
      var english: Token?
      if match("en") { english = try string("an English label") }
      var aliases: [Token] = []
      if match("aliases") { aliases = try strings() }
      members.append(EnumSyntax.Member(name: member, english: english, aliases: aliases))
    }
    try expect("}")
    return EnumSyntax(name: name, label: label, members: members)
  }

  // classification := "classification" IDENT label "{" (IDENT STRING [".." STRING])* "}"
  private mutating func classification() throws -> ClassificationSyntax {
    let name = try identifier("a classification name")
    let label = try labelSyntax()
    try expect("{")
    var groups: [ClassificationSyntax.Group] = []
    while !check("}") {
      let letter = try identifier("a major-group letter")
      let first = try string("a two-digit group")
      let last = match("..") ? try string("a two-digit group") : nil
      groups.append(ClassificationSyntax.Group(letter: letter, first: first, last: last))
    }
    try expect("}")
    return ClassificationSyntax(name: name, label: label, groups: groups)
  }

  // table := "table" IDENT ":" type "->" type label "{" entry* ["else" "->" expression] "}"
  // entry := key ("," key)* "->" expression ;  key := STRING [".." STRING]
  private mutating func table() throws -> TableSyntax {
    let name = try identifier("a table name")
    try expect(":")
    let keyType = try typeSyntax()
    try expect("->")
    let valueType = try typeSyntax()
    let label = try labelSyntax()
    try expect("{")
    var entries: [TableSyntax.Entry] = []
    var otherwise: Expr?
    while !check("}") {
      if match("else") {
        try expect("->")
        otherwise = try expression()
        continue
      }
      var keys: [TableSyntax.Key] = []
      repeat {
        let first = try string("a key")
        let last = match("..") ? try string("a key") : nil
        keys.append(TableSyntax.Key(first: first, last: last))
      } while match(",")
      try expect("->")
      entries.append(TableSyntax.Entry(keys: keys, value: try expression()))
    }
    try expect("}")
    return TableSyntax(
      name: name, keyType: keyType, valueType: valueType, label: label, entries: entries,
      otherwise: otherwise)
  }

  // input := "input" IDENT ":" type label ["column" strings] ["as" IDENT]
  private mutating func input() throws -> InputSyntax {
    let name = try identifier("an input name")
    try expect(":")
    let type = try typeSyntax()
    let label = try labelSyntax()
    let columns = match("column") ? try strings() : []
    let role = match("as") ? try identifier("id or name") : nil
    return InputSyntax(name: name, type: type, label: label, columns: columns, role: role)
  }

  // parameter := "parameter" IDENT [":" type] label "=" expression
  private mutating func parameter() throws -> ParameterSyntax {
    let name = try identifier("a parameter name")
    let type = match(":") ? try typeSyntax() : nil
    let label = try labelSyntax()
    try expect("=")
    return ParameterSyntax(name: name, type: type, label: label, value: try expression())
  }

  // define := "define" IDENT [":" type] label "=" expression
  private mutating func define() throws -> DefineSyntax {
    let name = try identifier("a definition name")
    let type = match(":") ? try typeSyntax() : nil
    let label = try labelSyntax()
    try expect("=")
    return DefineSyntax(name: name, type: type, label: label, value: try expression())
  }

  // tier := "tier" IDENT label ["short" STRING] ["requires" IDENT] "{" criterion* "}"
  private mutating func tier() throws -> TierSyntax {
    let name = try identifier("a tier name")
    let label = try labelSyntax()
    let short = match("short") ? try string("a short label") : nil
    let requires = match("requires") ? try identifier("a tier name") : nil
    try expect("{")
    var criteria: [CriterionSyntax] = []
    while !check("}") {
      criteria.append(try criterion())
    }
    try expect("}")
    return TierSyntax(
      name: name, label: label, short: short, requires: requires, criteria: criteria)
  }

  // criterion := "criterion" IDENT label ["source" STRING] "=" expression
  private mutating func criterion() throws -> CriterionSyntax {
    guard match("criterion") else {
      throw fail("expected 'criterion' or '}' in a tier, found \(describe(current))")
    }
    let id = try identifier("a criterion id")
    let label = try labelSyntax()
    let citation = match("source") ? try string("a source citation") : nil
    try expect("=")
    return CriterionSyntax(id: id, label: label, source: citation, condition: try expression())
  }

  // check := "check" IDENT label "=" expression
  private mutating func check() throws -> CheckSyntax {
    let name = try identifier("a check name")
    let label = try labelSyntax()
    try expect("=")
    return CheckSyntax(name: name, label: label, condition: try expression())
  }

  // outcomes := "outcomes" "{" (IDENT label)* "}"
  private mutating func outcomes(_ keyword: Token) throws -> OutcomesSyntax {
    try expect("{")
    var outcomes: [(Token, LabelSyntax)] = []
    while !check("}") {
      outcomes.append((try identifier("an outcome name"), try labelSyntax()))
    }
    try expect("}")
    return OutcomesSyntax(keyword: keyword, outcomes: outcomes)
  }

  // award := "award" IDENT label "among" IDENT "{" award-item* "}"
  // award-item := "reviewer" label ["column" strings]
  //             | "axis" IDENT label "weight" NUMBER ["column" strings]
  //             | "scores" NUMBER ".." NUMBER | IDENT NUMBER
  private mutating func award() throws -> AwardSyntax {
    let name = try identifier("an award name")
    let label = try labelSyntax()
    guard match("among") else { throw fail("expected 'among TIER' after the award's label") }
    let among = try identifier("a tier name")
    try expect("{")
    var reviewerLabel: LabelSyntax?
    var reviewerColumns: [Token] = []
    var axes: [AwardSyntax.Axis] = []
    var scoreRange: (Token, Token)?
    var settings: [(Token, Token)] = []
    while !check("}") {
      let item = try identifier("reviewer, axis, scores or a setting")
      switch item.text {
      case "reviewer":
        reviewerLabel = try labelSyntax()
        if match("column") { reviewerColumns = try strings() }
      case "axis":
        let axisName = try identifier("an axis name")
        let axisLabel = try labelSyntax()
        guard match("weight") else { throw fail("expected 'weight N' for axis \(axisName.text)") }
        let weight = try number()
        let columns = match("column") ? try strings() : []
        axes.append(
          AwardSyntax.Axis(name: axisName, label: axisLabel, weight: weight, columns: columns))
      case "scores":
        let low = try number()
        try expect("..")
        scoreRange = (low, try number())
      default:
        settings.append((item, try number()))
      }
    }
    try expect("}")
    return AwardSyntax(
      name: name, label: label, among: among, reviewerLabel: reviewerLabel,
      reviewerColumns: reviewerColumns, axes: axes, scoreRange: scoreRange, settings: settings)
  }

  // MARK: pieces

  // label := STRING ["en" STRING]
  private mutating func labelSyntax() throws -> LabelSyntax {
    let ja = current.kind == .string ? take() : nil
    let en = match("en") ? try string("an English label") : nil
    if ja == nil && en == nil {
      throw fail("expected a label \"…\" [en \"…\"], found \(describe(current))")
    }
    return LabelSyntax(ja: ja, en: en)
  }

  // type := IDENT ["or" "none" "(" strings ")"]
  private mutating func typeSyntax() throws -> TypeSyntax {
    let name = try identifier("a type")
    guard match("or") else { return TypeSyntax(name: name, noneWords: nil) }
    guard match("none") else { throw fail("expected 'none(\"…\")' after 'or' in a type") }
    try expect("(")
    let words = try strings()
    try expect(")")
    return TypeSyntax(name: name, noneWords: words)
  }

  private mutating func strings() throws -> [Token] {
    var words = [try string("a string")]
    while match(",") { words.append(try string("a string")) }
    return words
  }

  // MARK: expressions
  // expression  := conditional
  // conditional := "if" expression "then" expression "else" expression | or
  // or          := and ("or" and)*
  // and         := not ("and" not)*
  // not         := "not" not | comparison
  // comparison  := additive [(== != < <= > >=) additive | ["not"] "in" additive
  //                | "within" additive | "is" ["not"] ("missing" | "none")]
  // additive    := multiplicative (("+" | "-") multiplicative)*
  // multiplicative := unary (("*" | "/") unary)*
  // unary       := "-" unary | primary
  // primary     := NUMBER ["%" | "year(s)" | "month(s)" | "day(s)"] | STRING | DATE | "true"
  //              | "false" | IDENT ["(" arguments ")"] | "(" expression ")" | "[" items "]"

  mutating func expression() throws -> Expr {
    depth += 1
    defer { depth -= 1 }
    guard depth <= Parser.maximumDepth else {
      throw fail(Parser.tooDeep)
    }
    return try conditional()
  }

  private mutating func conditional() throws -> Expr {
    guard current.is("if") else { return try or() }
    let start = take()
    let condition = try expression()
    guard match("then") else { throw fail("expected 'then' after the condition of 'if'") }
    let whenTrue = try expression()
    guard match("else") else { throw fail("expected 'else': every 'if' needs both branches") }
    let whenFalse = try expression()
    return try node(.conditional(condition, whenTrue, whenFalse), from: start.span, to: whenFalse)
  }

  private mutating func or() throws -> Expr {
    var left = try and()
    while match("or") {
      let right = try and()
      left = try node(.binary(.or, left, right), from: span(left), to: right)
    }
    return left
  }

  private mutating func and() throws -> Expr {
    var left = try not()
    while match("and") {
      let right = try not()
      left = try node(.binary(.and, left, right), from: span(left), to: right)
    }
    return left
  }

  private mutating func not() throws -> Expr {
    guard current.is("not") else { return try comparison() }
    let start = take()
    depth += 1
    defer { depth -= 1 }
    guard depth <= Parser.maximumDepth else { throw fail(Parser.tooDeep) }
    let operand = try not()
    return try node(.not(operand), from: start.span, to: operand)
  }

  private mutating func comparison() throws -> Expr {
    let left = try additive()
    if current.kind == .symbol,
      let op = BinaryOperator(rawValue: current.text), op.isComparison
    {
      advance()
      let right = try additive()
      return try node(.binary(op, left, right), from: span(left), to: right)
    }
    if current.is("in") || (current.is("not") && peek(1).is("in")) {
      let negated = match("not")
      advance()
      let list = try additive()
      return try node(.membership(left, list, negated: negated), from: span(left), to: list)
    }
    if match("within") {
      let list = try additive()
      return try node(.within(left, list), from: span(left), to: list)
    }
    if current.is("is") {
      advance()
      let negated = match("not")
      let word = try identifier("missing or none")
      guard let test = TestKind(rawValue: word.text) else {
        throw fail("expected 'missing' or 'none' after 'is', found \(describe(word))", at: word)
      }
      return try node(
        .test(left, test, negated: negated), from: span(left).through(word.span), to: nil)
    }
    return left
  }

  private mutating func additive() throws -> Expr {
    var left = try multiplicative()
    while current.is("+") || current.is("-") {
      let op: BinaryOperator = take().text == "+" ? .add : .subtract
      let right = try multiplicative()
      left = try node(.binary(op, left, right), from: span(left), to: right)
    }
    return left
  }

  private mutating func multiplicative() throws -> Expr {
    var left = try unary()
    while current.is("*") || current.is("/") {
      let op: BinaryOperator = take().text == "*" ? .multiply : .divide
      let right = try unary()
      left = try node(.binary(op, left, right), from: span(left), to: right)
    }
    return left
  }

  private mutating func unary() throws -> Expr {
    guard current.is("-") else { return try primary() }
    let start = take()
    depth += 1
    defer { depth -= 1 }
    guard depth <= Parser.maximumDepth else { throw fail(Parser.tooDeep) }
    let operand = try unary()
    return try node(.negate(operand), from: start.span, to: operand)
  }

  private mutating func primary() throws -> Expr {
    let token = current
    switch token.kind {
    case .number:
      advance()
      guard let value = ExactNumber(decimalLiteral: Substring(token.text)) else {
        throw fail("number \(token.text) is too large", at: token)
      }
      if match("%") {
        let percent = value.divided(by: ExactNumber(100)) ?? value
        return try node(.number(percent, percent: true), from: token.span.through(previous.span))
      }
      if current.kind == .identifier, let unit = Parser.durationUnits[current.text] {
        let unitToken = take()
        guard let amount = value.int64Value, let count = Int(exactly: amount),
          abs(count) <= 100_000
        else {
          throw fail("a duration needs a whole number of at most 100000", at: token)
        }
        return try node(.duration(count, unit), from: token.span.through(unitToken.span))
      }
      return try node(.number(value, percent: false), from: token.span)
    case .string:
      advance()
      return try node(.string(token.text), from: token.span)
    case .date:
      advance()
      let parts = token.text.split(separator: "-").compactMap { Int($0) }
      guard parts.count == 3, let date = CivilDate(year: parts[0], month: parts[1], day: parts[2])
      else { throw fail("\(token.text) is not a date that exists", at: token) }
      return try node(.date(date), from: token.span)
    case .identifier where startsNextDeclaration(token):
      throw fail("expected a value, found \(describe(token))")
    case .identifier:
      advance()
      if token.text == "true" || token.text == "false" {
        return try node(.boolean(token.text == "true"), from: token.span)
      }
      if Parser.reservedWords.contains(token.text) {
        throw fail("expected a value, found the keyword '\(token.text)'", at: token)
      }
      guard match("(") else { return try node(.name(token.text), from: token.span) }
      var arguments: [Expr] = []
      if !check(")") {
        repeat { arguments.append(try expression()) } while match(",")
      }
      try expect(")")
      return try node(.call(token.text, arguments), from: token.span.through(previous.span))
    case .symbol where token.text == "(":
      advance()
      let inner = try expression()
      try expect(")")
      return inner
    case .symbol where token.text == "[":
      advance()
      var items: [Expr] = []
      if !check("]") {
        repeat { items.append(try expression()) } while match(",")
      }
      try expect("]")
      return try node(.list(items), from: token.span.through(previous.span))
    default:
      throw fail("expected a value, found \(describe(token))", at: token)
    }
  }

  private static let durationUnits: [String: DurationUnit] = [
    "year": .years, "years": .years, "month": .months, "months": .months, "day": .days,
    "days": .days,
  ]
  private static let reservedWords: Set<String> = [
    "if", "then", "else", "and", "or", "not", "in", "within", "is",
  ]

  // MARK: token helpers

  private var current: Token { tokens[min(position, tokens.count - 1)] }
  private var previous: Token { tokens[max(0, min(position - 1, tokens.count - 1))] }
  private func peek(_ ahead: Int) -> Token { tokens[min(position + ahead, tokens.count - 1)] }

  private mutating func advance() {
    if position < tokens.count - 1 { position += 1 }
  }

  private mutating func take() -> Token {
    let token = current
    advance()
    return token
  }

  private func check(_ word: String) -> Bool {
    if current.kind == .end { return false }
    return current.is(word)
  }

  private mutating func match(_ word: String) -> Bool {
    guard current.is(word) else { return false }
    advance()
    return true
  }

  private mutating func expect(_ symbol: String) throws {
    guard match(symbol) else { throw fail("expected '\(symbol)', found \(describe(current))") }
  }

  private mutating func identifier(_ what: String) throws -> Token {
    guard current.kind == .identifier, !startsNextDeclaration(current) else {
      throw fail("expected \(what), found \(describe(current))")
    }
    return take()
  }

  private mutating func string(_ what: String) throws -> Token {
    guard current.kind == .string else {
      throw fail("expected \(what) in quotes, found \(describe(current))")
    }
    return take()
  }

  private mutating func number() throws -> Token {
    guard current.kind == .number else {
      throw fail("expected a number, found \(describe(current))")
    }
    return take()
  }

  private func describe(_ token: Token) -> String {
    if startsNextDeclaration(token) { return "'\(token.text)' (the next declaration)" }
    switch token.kind {
    case .end: return "the end of the file"
    case .string: return "\"\(token.text)\""
    default: return "'\(token.text)'"
    }
  }

  /// Records a syntax error at `token` (by default the current one) and abandons the
  /// declaration. When the current token already starts the next declaration, the error is placed
  /// just after the last token of the broken one, on the line where something is missing.
  private mutating func fail(_ message: String, at token: Token? = nil) -> Abandon {
    var span = (token ?? current).span
    if token == nil, startsNextDeclaration(current), position > 0 {
      span = SourceSpan(start: previous.span.end, end: previous.span.end)
    }
    diagnostics.append(Diagnostic(message, at: span))
    return Abandon()
  }

  /// A new expression node; fails when it would make the tree deeper than `maximumDepth`.
  private mutating func node(_ kind: ExprKind, from start: SourceSpan, to end: Expr? = nil)
    throws -> Expr
  {
    let nodeSpan = end.map { start.through(span($0)) } ?? start
    let height = 1 + (kind.children.map { heights[safe: $0.id.raw] ?? 0 }.max() ?? 0)
    guard height <= Parser.maximumDepth else {
      diagnostics.append(Diagnostic(Parser.tooDeep, at: nodeSpan))
      throw Abandon()
    }
    let id = ExprID(raw: spans.count)
    spans.append(nodeSpan)
    heights.append(height)
    return Expr(id: id, kind: kind)
  }

  private func span(_ expr: Expr) -> SourceSpan {
    expr.id.raw < spans.count ? spans[expr.id.raw] : SourceSpan(start: 0, end: 0)
  }
}
