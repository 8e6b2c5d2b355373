/// Builds the `Plan` from a checked tree: every expression node becomes one step, with the
/// checker's bindings (names → slots, literals → constants, calls → tables) folded in.
struct Planner {
  private let bindings: [ExprID: Binding]
  private var nodes: [PlanNode]
  private var items: [Int] = []
  private var constants: [Value] = []

  private init(bindings: [ExprID: Binding], nodeCount: Int) {
    self.bindings = bindings
    self.nodes = Array(repeating: .invalid, count: nodeCount)
  }

  static func plan(
    tree: SyntaxTree, bindings: [ExprID: Binding], definitions: [Definition],
    tables: [LookupTable], criteria: [Criterion], checks: [ConsistencyCheck], reported: [Int],
    tiers: [Tier]
  ) -> Plan {
    var planner = Planner(bindings: bindings, nodeCount: tree.spans.count)
    for declaration in tree.declarations {
      for root in roots(of: declaration) { planner.visit(root) }
    }
    return Plan(
      nodes: planner.nodes, items: planner.items, constants: planner.constants,
      definitionRoots: definitions.map(\.expression.id.raw), tables: tables,
      criterionRoots: criteria.map(\.condition.id.raw), checkRoots: checks.map(\.condition.id.raw),
      reportedRoots: reported.compactMap { definitions[safe: $0]?.expression.id.raw }, tiers: tiers)
  }

  /// A plan for one expression alone (constant folding at load time).
  static func plan(of expr: Expr, bindings: [ExprID: Binding], nodeCount: Int) -> Plan {
    var planner = Planner(bindings: bindings, nodeCount: nodeCount)
    planner.visit(expr)
    return Plan(
      nodes: planner.nodes, items: planner.items, constants: planner.constants,
      definitionRoots: [], tables: [])
  }

  /// The expressions a declaration holds.
  static func roots(of declaration: Declaration) -> [Expr] {
    switch declaration {
    case .ruleset(let syntax): return syntax.settings.map(\.value)
    case .table(let syntax):
      return syntax.entries.map(\.value) + [syntax.otherwise].compactMap { $0 }
    case .parameter(let syntax): return [syntax.value]
    case .define(let syntax): return [syntax.value]
    case .tier(let syntax): return syntax.criteria.map(\.condition)
    case .check(let syntax): return [syntax.condition]
    default: return []
    }
  }

  static func children(of expr: Expr) -> [Expr] {
    switch expr.kind {
    case .number, .string, .date, .boolean, .duration, .name: return []
    case .call(_, let arguments): return arguments
    case .list(let items): return items
    case .not(let e), .negate(let e), .test(let e, _, _): return [e]
    case .binary(_, let l, let r), .membership(let l, let r, _), .within(let l, let r):
      return [l, r]
    case .conditional(let c, let a, let b): return [c, a, b]
    }
  }

  private mutating func visit(_ expr: Expr) {
    guard expr.id.raw < nodes.count else { return }
    for child in Planner.children(of: expr) { visit(child) }
    nodes[expr.id.raw] = node(for: expr)
  }

  private mutating func range(_ indices: [Int]) -> ItemRange {
    let start = items.count
    items += indices
    return ItemRange(start: Int32(clamping: start), count: Int32(clamping: indices.count))
  }

  private mutating func node(for expr: Expr) -> PlanNode {
    if let bound = bindings[expr.id] {
      switch bound {
      case .constant(let value):
        constants.append(value)
        return .constant(constants.count - 1)
      case .input(let slot): return .input(slot: slot)
      case .definition(let slot): return .definition(slot: slot)
      case .asOf: return .asOf
      case .lookup(let table, let key): return .lookup(table: table, key: key)
      case .firstKnown(let arguments): return .firstKnown(range(arguments))
      }
    }
    switch expr.kind {
    case .not(let e): return .not(e.id.raw)
    case .negate(let e): return .negate(e.id.raw)
    case .binary(.and, let l, let r): return .and(l.id.raw, r.id.raw)
    case .binary(.or, let l, let r): return .or(l.id.raw, r.id.raw)
    case .binary(let op, let l, let r):
      return op.isComparison
        ? .compare(op, l.id.raw, r.id.raw) : .arithmetic(op, l.id.raw, r.id.raw)
    case .membership(let subject, let list, let negated):
      return .member(subject.id.raw, range(Planner.items(list)), negated: negated)
    case .within(let subject, let list):
      return .within(subject.id.raw, range(Planner.items(list)))
    case .test(let subject, let kind, let negated):
      return .test(subject.id.raw, kind, negated: negated)
    case .conditional(let c, let a, let b):
      return .conditional(c.id.raw, a.id.raw, b.id.raw)
    default:
      return .invalid
    }
  }

  private static func items(_ list: Expr) -> [Int] {
    if case .list(let items) = list.kind { return items.map(\.id.raw) }
    return []
  }
}

/// Evaluates an expression made only of literals, parameters and operators, at load time.
struct ConstantFolder {
  let bindings: [ExprID: Binding]
  let tree: SyntaxTree

  func fold(_ expr: Expr) -> Value? {
    guard isConstant(expr) else { return nil }
    let plan = Planner.plan(of: expr, bindings: bindings, nodeCount: tree.spans.count)
    var evaluator = Evaluator(plan: plan, asOf: CivilDate(dayNumber: 0), observer: nil)
    evaluator.start(Record(line: 0, values: []))
    if case .list(let items) = expr.kind {
      return .list(items.map { evaluator.value(of: $0.id) })
    }
    let value = evaluator.value(of: expr.id)
    return value.isMissing ? nil : value
  }

  private func isConstant(_ expr: Expr) -> Bool {
    switch bindings[expr.id] {
    case .constant?: return true
    case .input?, .definition?, .asOf?, .lookup?, .firstKnown?: return false
    case nil: return Planner.children(of: expr).allSatisfy(isConstant)
    }
  }
}
