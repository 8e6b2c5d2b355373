/// The executable form of a rule set's expressions, built once by the `Planner` and evaluated
/// for every record: names are resolved to slots, literals to values, tables to indices, so
/// evaluating a row does no look-up by name and no parsing.
struct Plan: Sendable {
  /// `nodes[id.raw]` is the step for expression `id`.
  let nodes: [PlanNode]
  /// Root node of each definition, by definition slot.
  let definitionRoots: [Int]
  let tables: [LookupTable]
}

/// One step of a plan; children are node indices (the `ExprID.raw` of the child).
enum PlanNode: Sendable {
  case constant(Value)
  case input(slot: Int)
  case definition(slot: Int)
  /// The `--as-of` date, or the rule set's default reference date.
  case asOf
  case lookup(table: Int, key: Int)
  case firstKnown([Int])
  case not(Int)
  case negate(Int)
  case arithmetic(BinaryOperator, Int, Int)
  case compare(BinaryOperator, Int, Int)
  case and(Int, Int)
  case or(Int, Int)
  case member(Int, [Int], negated: Bool)
  case within(Int, [Int])
  case test(Int, TestKind, negated: Bool)
  case conditional(Int, Int, Int)
  /// A node the checker rejected; never reached in a loaded rule set.
  case invalid
}
