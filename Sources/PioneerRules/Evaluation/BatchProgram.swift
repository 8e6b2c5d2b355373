/// A plan compiled for the batch evaluator: each root (check, criterion, reported
/// definition) and each definition becomes a block of steps that computes its expression's
/// nodes into registers, operands before the node that reads them.
///
/// Running a block is a loop over its steps instead of a recursive call per node. It does the
/// same work the recursive `Evaluator` does, no more: a jump after the left side of `and`
/// (`or`) skips the right side when the left decides, a jump after an `if`'s condition skips
/// the branch not taken, a jump after each argument of `first_known` skips the rest once one
/// is known, and a definition's block runs once per record, the first time a step asks for it.
/// A definition's value is its expression's register.
///
/// Every register a step names is below `registerCount`: the compiler only ever names a plan
/// node's index or the missing register. The evaluator relies on it to read registers
/// without a bounds check.
final class BatchProgram: @unchecked Sendable {
  /// One step of a block: the first `Int` of a computing step is the register it writes, the
  /// others the registers of its operands (a plan node's operands, renumbered).
  enum Step {
    case input(Int, slot: Int)
    case lookup(Int, table: Int, key: Int)
    case firstKnown(Int, ItemRange)
    case not(Int, Int)
    case negate(Int, Int)
    case arithmetic(Int, BinaryOperator, Int, Int)
    case compare(Int, BinaryOperator, Int, Int)
    case and(Int, Int, Int)
    case or(Int, Int, Int)
    case member(Int, Int, ItemRange, negated: Bool)
    case within(Int, Int, ItemRange)
    case test(Int, Int, TestKind, negated: Bool)
    case conditional(Int, Int, Int, Int)
    /// Runs definition `slot`'s block unless it has run for this record.
    case ensure(definition: Int)
    /// Goes on at step `target` (ahead, in the same block) when `register` holds a value
    /// that is `condition`.
    case jump(register: Int, condition: JumpCondition, target: Int)
  }

  enum JumpCondition {
    case isFalse, isTrue, isKnown
  }

  /// Every block's steps, block after block. Immutable after init, hence Sendable.
  let steps: UnsafeMutableBufferPointer<Step>
  /// Operand registers of list-like steps (`in`, `within`, `first_known`).
  let items: UnsafeMutableBufferPointer<Int>
  /// The steps of each block.
  let blocks: [Range<Int>]
  /// The block of each definition slot: definition `slot`'s block is block `slot`.
  let definitionCount: Int
  /// The block computing each root node (by plan node; -1 for a node that is no root).
  let rootBlocks: [Int]
  /// The register holding each plan node's value once its block has run.
  let registerOfNode: [Int]
  /// Registers the evaluator fills once: each constant's and reference date's plan node.
  let presets: [Int]
  /// One register per plan node, and one more that always holds `missing`.
  let registerCount: Int
  /// The register that always holds `missing`: what a bad index reads.
  var missingRegister: Int { registerCount - 1 }

  /// The program of a plan's `nodes` and `items` (as `Plan` holds them) for `roots`.
  init(nodes: [PlanNode], items: [Int], definitionRoots: [Int], roots: [Int]) {
    var compiler = BlockCompiler(nodes: nodes, items: items, definitionRoots: definitionRoots)
    var blocks = definitionRoots.map { compiler.block($0) }
    // A reported definition's root is its expression: its block is the definition's.
    var rootBlocks = [Int](repeating: -1, count: nodes.count)
    for (slot, root) in definitionRoots.enumerated()
    where root >= 0 && root < nodes.count && rootBlocks[root] < 0 {
      rootBlocks[root] = slot
    }
    for root in roots where root >= 0 && root < nodes.count && rootBlocks[root] < 0 {
      rootBlocks[root] = blocks.count
      blocks.append(compiler.block(root))
    }
    self.blocks = blocks
    definitionCount = definitionRoots.count
    self.rootBlocks = rootBlocks
    steps = .allocate(capacity: max(1, compiler.steps.count))
    _ = steps.initialize(from: compiler.steps)
    self.items = .allocate(capacity: max(1, compiler.items.count))
    _ = self.items.initialize(from: compiler.items)
    registerCount = nodes.count + 1
    registerOfNode = nodes.indices.map { compiler.register(of: $0) }
    presets = nodes.indices.filter {
      switch nodes[$0] {
      case .constant, .asOf: return true
      default: return false
      }
    }
  }

  deinit {
    steps.deallocate()
    items.deallocate()
  }
}

/// Turns expression trees into blocks, visiting nodes in the order the recursive evaluator
/// does.
private struct BlockCompiler {
  let nodes: [PlanNode]
  let planItems: [Int]
  let definitionRoots: [Int]
  var steps: [BatchProgram.Step] = []
  var items: [Int] = []
  var missingRegister: Int { nodes.count }

  init(nodes: [PlanNode], items: [Int], definitionRoots: [Int]) {
    self.nodes = nodes
    self.planItems = items
    self.definitionRoots = definitionRoots
  }

  /// The register holding node `index`'s value: a definition's is its expression's (through
  /// a chain of definitions); a bad index or a chain that loops reads `missing`.
  func register(of index: Int) -> Int {
    var current = index
    for _ in 0...nodes.count {
      guard current >= 0 && current < nodes.count else { return missingRegister }
      guard case .definition(let slot) = nodes[current] else { return current }
      guard let root = definitionRoots[safe: slot] else { return missingRegister }
      current = root
    }
    return missingRegister
  }

  /// Compiles the expression at `root` as a block of its own.
  mutating func block(_ root: Int) -> Range<Int> {
    let start = steps.count
    emit(root)
    return start..<steps.count
  }

  /// Appends the steps that leave node `index`'s value in its register.
  private mutating func emit(_ index: Int) {
    guard index >= 0 && index < nodes.count else { return }
    let r = index
    switch nodes[index] {
    case .constant, .asOf, .invalid:
      // Constants and the reference date are set once by the evaluator; an invalid node's
      // register stays missing.
      return
    case .definition(let slot):
      steps.append(.ensure(definition: slot))
    case .input(let slot):
      steps.append(.input(r, slot: slot))
    case .lookup(let table, let key):
      emit(key)
      steps.append(.lookup(r, table: table, key: register(of: key)))
    case .firstKnown(let arguments):
      let jumps = listItems(arguments).map { item -> Int in
        emit(item)
        return jump(if: item, .isKnown)
      }
      for jump in jumps { retarget(jump) }
      steps.append(.firstKnown(r, list(arguments)))
    case .not(let a):
      emit(a)
      steps.append(.not(r, register(of: a)))
    case .negate(let a):
      emit(a)
      steps.append(.negate(r, register(of: a)))
    case .arithmetic(let op, let a, let b):
      emit(a)
      emit(b)
      steps.append(.arithmetic(r, op, register(of: a), register(of: b)))
    case .compare(let op, let a, let b):
      emit(a)
      emit(b)
      steps.append(.compare(r, op, register(of: a), register(of: b)))
    case .and(let a, let b):
      emit(a)
      let skip = jump(if: a, .isFalse)
      emit(b)
      retarget(skip)
      steps.append(.and(r, register(of: a), register(of: b)))
    case .or(let a, let b):
      emit(a)
      let skip = jump(if: a, .isTrue)
      emit(b)
      retarget(skip)
      steps.append(.or(r, register(of: a), register(of: b)))
    case .member(let subject, let range, let negated):
      emit(subject)
      for item in listItems(range) { emit(item) }
      steps.append(.member(r, register(of: subject), list(range), negated: negated))
    case .within(let subject, let range):
      emit(subject)
      for item in listItems(range) { emit(item) }
      steps.append(.within(r, register(of: subject), list(range)))
    case .test(let subject, let kind, let negated):
      emit(subject)
      steps.append(.test(r, register(of: subject), kind, negated: negated))
    case .conditional(let c, let a, let b):
      // false: skip the `then` branch; true: skip the `else` branch; unknown: both.
      emit(c)
      let skipThen = jump(if: c, .isFalse)
      emit(a)
      let skipElse = jump(if: c, .isTrue)
      retarget(skipThen)
      emit(b)
      retarget(skipElse)
      steps.append(.conditional(r, register(of: c), register(of: a), register(of: b)))
    }
  }

  /// A jump on `node`'s register, aimed by `retarget` once its target is known.
  private mutating func jump(if node: Int, _ condition: BatchProgram.JumpCondition) -> Int {
    steps.append(.jump(register: register(of: node), condition: condition, target: 0))
    return steps.count - 1
  }

  /// Aims jump `step` at the next step to be appended.
  private mutating func retarget(_ step: Int) {
    guard case .jump(let register, let condition, _) = steps[step] else { return }
    steps[step] = .jump(register: register, condition: condition, target: steps.count)
  }

  /// The plan nodes of a list operand.
  private func listItems(_ range: ItemRange) -> [Int] {
    (0..<Int(range.count)).compactMap { planItems[safe: Int(range.start) + $0] }
  }

  /// A list operand with its items renumbered to registers.
  private mutating func list(_ range: ItemRange) -> ItemRange {
    let start = items.count
    for item in listItems(range) { items.append(register(of: item)) }
    return ItemRange(start: Int32(clamping: start), count: Int32(clamping: items.count - start))
  }
}
