/// The executable form of a rule set's expressions, built once by the `Planner` and evaluated
/// for every record: names are resolved to slots, literals to a constant table, lists to
/// ranges of one index pool, so a step is a few plain integers and evaluating a row does no
/// look-up by name, no parsing and no reference counting of the plan.
final class Plan: @unchecked Sendable {
  /// `nodes[id.raw]` is the step for expression `id`. Immutable after init, hence Sendable.
  let nodes: UnsafeMutableBufferPointer<PlanNode>
  /// Child indices of list-like steps (`in`, `within`, `first_known`).
  let items: UnsafeMutableBufferPointer<Int>
  /// Literal and parameter values, by constant index.
  let constants: [Value]
  /// Root node of each definition, by definition slot.
  let definitionRoots: [Int]
  let tables: [LookupTable]
  /// Root nodes of the criteria, the consistency checks and the reported definitions.
  let criterionRoots: [Int]
  let checkRoots: [Int]
  let reportedRoots: [Int]
  /// How the criteria's truths make the tiers' and the outcome.
  let tierTable: TierTable
  /// What every batch evaluator of the plan works out from it, worked out once.
  let layout: BatchLayout

  init(
    nodes: [PlanNode], items: [Int], constants: [Value], definitionRoots: [Int],
    tables: [LookupTable], criterionRoots: [Int] = [], checkRoots: [Int] = [],
    reportedRoots: [Int] = [], tiers: [Tier] = []
  ) {
    tierTable = TierTable(
      tierCriteria: tiers.map(\.criteria), tierRequires: tiers.map(\.requires),
      criterionCount: criterionRoots.count)
    layout = BatchLayout(
      nodes: nodes, items: items, constants: constants, definitionRoots: definitionRoots)
    self.nodes = .allocate(capacity: nodes.count)
    _ = self.nodes.initialize(from: nodes)
    self.items = .allocate(capacity: max(1, items.count))
    _ = self.items.initialize(from: items)
    self.constants = constants
    self.definitionRoots = definitionRoots
    self.tables = tables
    self.criterionRoots = criterionRoots
    self.checkRoots = checkRoots
    self.reportedRoots = reportedRoots
  }

  deinit {
    nodes.deallocate()
    items.deallocate()
  }

  func node(_ index: Int) -> PlanNode {
    index >= 0 && index < nodes.count ? nodes[index] : .invalid
  }
}

/// A run of `Plan.items`.
struct ItemRange: Sendable {
  let start: Int32
  let count: Int32
}

/// One step of a plan; children are node indices (the `ExprID.raw` of the child). Every case
/// holds plain values only, so copying a step never touches a reference count.
enum PlanNode: Sendable {
  case constant(Int)
  case input(slot: Int)
  case definition(slot: Int)
  /// The `--as-of` date, or the rule set's default reference date.
  case asOf
  case lookup(table: Int, key: Int)
  case firstKnown(ItemRange)
  case not(Int)
  case negate(Int)
  case arithmetic(BinaryOperator, Int, Int)
  case compare(BinaryOperator, Int, Int)
  case and(Int, Int)
  case or(Int, Int)
  case member(Int, ItemRange, negated: Bool)
  case within(Int, ItemRange)
  case test(Int, TestKind, negated: Bool)
  case conditional(Int, Int, Int)
  /// A node the checker rejected; never reached in a loaded rule set.
  case invalid
}
