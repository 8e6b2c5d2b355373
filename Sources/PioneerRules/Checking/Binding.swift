/// What the checker found a leaf expression to mean: a literal's value, the slot a name
/// refers to, the table a call looks in. The planner turns bindings into plan steps.
enum Binding: Sendable {
  case constant(Value)
  case input(slot: Int)
  case definition(slot: Int)
  /// The `--as-of` date, or the rule set's default reference date.
  case asOf
  case lookup(table: Int, key: Int)
  case firstKnown([Int])
}
