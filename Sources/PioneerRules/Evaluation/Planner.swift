/// Builds the `Plan` from a checked tree: every expression node becomes one step, with the
/// checker's bindings (names → slots, literals → values, calls → tables) folded in.
enum Planner {
  static func plan(
    tree: SyntaxTree, bindings: [ExprID: PlanNode], definitions: [Definition],
    tables: [LookupTable]
  ) -> Plan {
    var nodes = Array(repeating: PlanNode.invalid, count: tree.spans.count)
    for declaration in tree.declarations {
      for root in roots(of: declaration) {
        visit(root, bindings: bindings, into: &nodes)
      }
    }
    return Plan(
      nodes: nodes, definitionRoots: definitions.map(\.expression.id.raw), tables: tables)
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

  static func visit(_ expr: Expr, bindings: [ExprID: PlanNode], into nodes: inout [PlanNode]) {
    guard expr.id.raw < nodes.count else { return }
    for child in children(of: expr) { visit(child, bindings: bindings, into: &nodes) }
    nodes[expr.id.raw] = node(for: expr, bindings: bindings)
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

  private static func node(for expr: Expr, bindings: [ExprID: PlanNode]) -> PlanNode {
    if let bound = bindings[expr.id] { return bound }
    switch expr.kind {
    case .not(let e): return .not(e.id.raw)
    case .negate(let e): return .negate(e.id.raw)
    case .binary(.and, let l, let r): return .and(l.id.raw, r.id.raw)
    case .binary(.or, let l, let r): return .or(l.id.raw, r.id.raw)
    case .binary(let op, let l, let r):
      return op.isComparison
        ? .compare(op, l.id.raw, r.id.raw) : .arithmetic(op, l.id.raw, r.id.raw)
    case .membership(let subject, let list, let negated):
      return .member(subject.id.raw, items(list), negated: negated)
    case .within(let subject, let list):
      return .within(subject.id.raw, items(list))
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
  let bindings: [ExprID: PlanNode]
  let tree: SyntaxTree

  func fold(_ expr: Expr) -> Value? {
    guard isConstant(expr) else { return nil }
    var nodes = Array(repeating: PlanNode.invalid, count: tree.spans.count)
    Planner.visit(expr, bindings: bindings, into: &nodes)
    let plan = Plan(nodes: nodes, definitionRoots: [], tables: [])
    var evaluator = Evaluator(
      plan: plan, record: Record(line: 0, values: []), asOf: CivilDate(dayNumber: 0),
      observer: nil)
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
    default: return Planner.children(of: expr).allSatisfy(isConstant)
    }
  }
}
