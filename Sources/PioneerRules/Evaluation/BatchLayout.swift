/// What a `BatchEvaluator` works out from a plan before evaluating anything: which column
/// holds each node's value, which nodes are definitions' roots, which inputs the plan reads,
/// and the membership tests it can answer with a bit mask.
///
/// Built once with the plan: an explanation evaluates a record many times over (each "what
/// would make it pass"), each time with an evaluator of its own, and working this out each
/// time cost more than the evaluation.
final class BatchLayout: Sendable {
  /// Columns: one per node, and the last one always `missing`.
  let columnCount: Int
  /// The column holding each node's value: a definition's is its expression's (through a
  /// chain of definitions), every node reading one input shares the first such node's, and a
  /// bad index or a chain that loops reads the missing column.
  let columnOfNode: [Int]
  /// The definition slot whose expression each node is (-1 for none), so that a root that is
  /// a reported definition's expression is computed once per row, as the definition.
  let definitionOfNode: [Int]
  /// Each input slot's position among the inputs the plan reads (-1 for one it does not).
  let inputPositionOfSlot: [Int]
  /// The number of inputs the plan reads.
  let inputCount: Int
  /// For each membership node whose items are all members of an enumeration, given as
  /// constants, the set of them as bits (members 0…63): a member is in the list when its bit
  /// is set, as comparing it with each item finds. Nil for any other node.
  let memberMasks: [UInt64?]

  init(nodes: [PlanNode], items: [Int], constants: [Value], definitionRoots: [Int]) {
    let nodeCount = nodes.count
    columnCount = nodeCount + 1
    let missingColumn = nodeCount
    func node(_ index: Int) -> PlanNode { nodes[safe: index] ?? .invalid }
    // Every node reading one input shares one column, filled once per row: an input is read
    // in several places (teleworkers in five), and reading one is a copy out of the record
    // batch and, for a text or a code, a box.
    var firstReader: [Int: Int] = [:]
    var positions: [Int] = []
    for index in 0..<nodeCount {
      guard case .input(let slot) = node(index), slot >= 0, firstReader[slot] == nil else {
        continue
      }
      firstReader[slot] = index
      if positions.count <= slot {
        positions += Array(repeating: -1, count: slot + 1 - positions.count)
      }
      positions[slot] = firstReader.count - 1
    }
    inputPositionOfSlot = positions
    inputCount = firstReader.count
    columnOfNode = (0..<nodeCount).map { index in
      // Follows definitions to the node whose column holds the value.
      var current = index
      for _ in 0...nodeCount {
        guard current >= 0 && current < nodeCount else { return missingColumn }
        switch node(current) {
        case .definition(let slot):
          guard let root = definitionRoots[safe: slot] else { return missingColumn }
          current = root
        case .input(let slot): return firstReader[slot] ?? current
        default: return current
        }
      }
      return missingColumn
    }
    var definitionOfNode = [Int](repeating: -1, count: nodeCount)
    for (slot, root) in definitionRoots.enumerated()
    where root >= 0 && root < nodeCount && definitionOfNode[root] < 0 {
      definitionOfNode[root] = slot
    }
    self.definitionOfNode = definitionOfNode
    memberMasks = (0..<nodeCount).map { index in
      guard case .member(_, let list, _) = node(index) else { return nil }
      var mask: UInt64 = 0
      for offset in 0..<Int(list.count) {
        guard case .constant(let constant) = node(items[safe: Int(list.start) + offset] ?? -1),
          case .member(let member)? = constants[safe: constant], member >= 0 && member < 64
        else { return nil }
        mask |= 1 &<< UInt64(member)
      }
      return mask
    }
  }

  /// The column of node `index` (the missing column for a bad index).
  @inline(__always)
  func column(ofNode index: Int) -> Int {
    index >= 0 && index < columnOfNode.count ? columnOfNode[index] : columnCount - 1
  }
}
