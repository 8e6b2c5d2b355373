/// Evaluates a plan over many records at once, node by node: a node's value for every row of
/// a batch goes into that node's column before the node that reads it runs.
///
/// Per row it does the work the recursive `Evaluator` does, no more: the right side of `and`
/// (`or`) is computed only for the rows whose left side does not decide, an `if`'s branch
/// only for the rows that may take it, an argument of `first_known` only for the rows with
/// no known argument before it, and a definition once per row, the first time a node asks
/// for it. What changes is the order: the choice of what to do next is made once per node
/// and batch instead of once per node and row, and the loops over rows copy `PlainValue`s,
/// which hold no references.
///
/// The common operations (comparisons and arithmetic on numbers and dates, comparisons with
/// missing or none, `and`, `or`, `not`, membership of a member in a list, an undecided `if`
/// whose branches agree) work on plain values directly, and so do the common cases of a
/// `oneOf` an undecided `if` or table leaves (compared with a plain value, tested against a
/// list of members). Every other operation that meets a boxed value, and every rarer one
/// (tables, `within`), turns its operands back into `Value`s and calls the same `Operations`
/// as `Evaluator`, so the semantics are defined once; the plain paths follow them case by
/// case. `FastAndExplainingPathsTests` and `BatchEvaluatorTests` compare the two.
///
/// One evaluator per thread: it keeps its columns from batch to batch.
final class BatchEvaluator {
  /// A set of rows of the current chunk, as indices into the columns.
  typealias Rows = UnsafeBufferPointer<Int>

  private let plan: Plan
  /// The most rows evaluated together: every column holds this many values.
  let width: Int
  /// The plan's columns, definitions, inputs and membership masks, worked out with it.
  private let layout: BatchLayout
  private let columnCount: Int
  /// `columnCount × width` values; column `c` starts at `c × width`. The last column always
  /// holds `missing`, and each constant's and the reference date's hold them from init on.
  private let values: UnsafeMutablePointer<PlainValue>
  /// For each definition slot and row of the current chunk, whether the definition's column
  /// holds the row's value yet.
  private let computed: UnsafeMutablePointer<Bool>
  /// For each input the plan reads and row of the current chunk, whether the input's column
  /// holds the row's value yet.
  private let inputRead: UnsafeMutablePointer<Bool>
  /// For each definition slot, then each input the plan reads, whether its column holds the
  /// value of every row of the current chunk: a definition or input asked for again (most
  /// are, several times) then costs one test instead of one per row.
  private let complete: UnsafeMutablePointer<Bool>
  private let completeCount: Int
  /// The number of rows of the current chunk.
  @exclusivity(unchecked) private var chunkRows = 0
  /// Scratch rows for the subsets an `and`, `or`, `if`, `first_known` or definition works on;
  /// used as a stack (nesting takes a frame each), with the heap beyond it.
  private let rowStack: UnsafeMutablePointer<Int>
  private let rowStackCapacity: Int
  @exclusivity(unchecked) private var rowStackTop = 0
  /// Values with references: the constants' first (kept), then the current chunk's.
  @exclusivity(unchecked) private var boxes: [Value] = []
  private let constantBoxCount: Int
  /// The records of the current call.
  @exclusivity(unchecked) private var records = RecordBatch(width: 0)
  /// The values of each row's record of the current chunk, in place in `records` (nil for a
  /// bad index), and how many each has: found once a chunk, read for every input of every row.
  private let valuesOfRow: UnsafeMutablePointer<UnsafePointer<Value>?>
  @exclusivity(unchecked) private var recordWidth = 0
  /// The tables' answers met so far, in plain form (none for an evaluator of one row).
  private let answers: TableAnswerCache

  /// Rows are evaluated this many at a time: enough that choosing a node's operation costs
  /// nothing per row, few enough that every column of a chunk stays in the cache.
  static let maximumWidth = 256

  /// An evaluator for batches of up to `width` records (at least 1).
  init(plan: Plan, asOf: CivilDate, width: Int = BatchEvaluator.maximumWidth) {
    self.plan = plan
    self.width = max(1, min(width, BatchEvaluator.maximumWidth))
    let layout = plan.layout
    self.layout = layout
    columnCount = layout.columnCount
    values = .allocate(capacity: columnCount * self.width)
    values.initialize(repeating: .missing, count: columnCount * self.width)
    let definitionCount = plan.definitionRoots.count
    computed = .allocate(capacity: max(1, definitionCount * self.width))
    computed.initialize(repeating: false, count: max(1, definitionCount * self.width))
    inputRead = .allocate(capacity: max(1, layout.inputCount * self.width))
    inputRead.initialize(repeating: false, count: max(1, layout.inputCount * self.width))
    completeCount = max(1, definitionCount + layout.inputCount)
    complete = .allocate(capacity: completeCount)
    complete.initialize(repeating: false, count: completeCount)
    rowStackCapacity = 64 * self.width
    rowStack = .allocate(capacity: rowStackCapacity)
    valuesOfRow = .allocate(capacity: self.width)
    valuesOfRow.initialize(repeating: nil, count: self.width)
    answers = TableAnswerCache(tableCount: self.width > 1 ? plan.tables.count : 0)
    var constantBoxes: [Value] = []
    for node in 0..<plan.nodes.count {
      let preset: Value
      switch plan.node(node) {
      case .constant(let constant): preset = plan.constants[safe: constant] ?? .missing
      case .asOf: preset = .date(asOf)
      default: continue
      }
      let plain = PlainValue(preset) ?? .boxed(constantBoxes.count)
      if case .boxed = plain { constantBoxes.append(preset) }
      (values + layout.column(ofNode: node) * self.width).update(
        repeating: plain, count: self.width)
    }
    boxes = constantBoxes
    constantBoxCount = constantBoxes.count
  }

  deinit {
    values.deinitialize(count: columnCount * width)
    values.deallocate()
    computed.deallocate()
    inputRead.deallocate()
    complete.deallocate()
    rowStack.deallocate()
    valuesOfRow.deallocate()
    answers.deallocate()
  }

  // MARK: Chunks and roots

  /// Starts on a chunk of `records`: row `r` of the chunk is record `indices[r]` (at most
  /// `width` of them); forgets the previous chunk's boxes and definitions.
  func start(_ records: RecordBatch, _ indices: ArraySlice<Int>) {
    self.records = records
    recordWidth = records.width
    for (row, index) in zip(0..<width, indices) {
      valuesOfRow[row] = records.values(ofRecord: index)
    }
    boxes.removeSubrange(constantBoxCount..<max(constantBoxCount, boxes.count))
    computed.update(repeating: false, count: max(1, plan.definitionRoots.count * width))
    inputRead.update(repeating: false, count: max(1, layout.inputCount * width))
    complete.update(repeating: false, count: completeCount)
    chunkRows = min(width, indices.count)
  }

  /// Computes root node `index` (a check, criterion or reported definition) at `rows`.
  func evaluate(root index: Int, at rows: Rows) {
    if let slot = layout.definitionOfNode[safe: index], slot >= 0 {
      ensure(definition: slot, at: rows)
    } else {
      evaluate(index, at: rows)
    }
  }

  /// The value of node `index` at `row`, once computed there.
  func value(ofNode index: Int, row: Int) -> PlainValue {
    column(index)[row]
  }

  /// The column holding node `index`'s value at each row of the current chunk (the missing
  /// column for a bad index): the same for the evaluator's life.
  func column(ofNode index: Int) -> UnsafePointer<PlainValue> {
    UnsafePointer(column(index))
  }

  /// The column of node `index` (the missing column for a bad index).
  @inline(__always)
  private func column(_ index: Int) -> UnsafeMutablePointer<PlainValue> {
    let column = layout.column(ofNode: index)
    return values + column * width
  }

  /// Calls `body` with room for `count` rows, from the row stack while it lasts.
  @inline(__always)
  private func withRows<Result>(
    _ count: Int, _ body: (UnsafeMutablePointer<Int>) -> Result
  ) -> Result {
    let needed = max(1, count)
    if rowStackTop + needed <= rowStackCapacity {
      let rows = rowStack + rowStackTop
      rowStackTop += needed
      defer { rowStackTop -= needed }
      return body(rows)
    }
    let rows = UnsafeMutablePointer<Int>.allocate(capacity: needed)
    defer { rows.deallocate() }
    return body(rows)
  }

  // MARK: Nodes

  /// Computes node `index`'s column at `rows`.
  private func evaluate(_ index: Int, at rows: Rows) {
    guard !rows.isEmpty, isIndex(index, below: plan.nodes.count) else { return }
    let out = column(index)
    switch plan.nodes[index] {
    case .constant, .asOf, .invalid:
      // Set once at init; an invalid node's column is the missing one.
      return
    case .definition(let slot):
      ensure(definition: slot, at: rows)
    case .input(let slot):
      guard let position = layout.inputPositionOfSlot[safe: slot], position >= 0 else {
        for row in rows { out[row] = input(slot, row) }  // not reached: every input has one
        return
      }
      let done = complete + plan.definitionRoots.count + position
      guard !done.pointee else { return }
      // Rows are distinct rows of the chunk: as many as it has are all of them.
      if rows.count == chunkRows { done.pointee = true }
      let read = inputRead + position * width
      for row in rows where !read[row] {
        read[row] = true
        out[row] = input(slot, row)
      }
    case .compare(let op, let a, let b):
      evaluate(a, at: rows)
      evaluate(b, at: rows)
      let left = column(a)
      let right = column(b)
      // What the operator gives for each order, and for values with none, worked out once
      // for the node.
      let results = OrderResults(op)
      for row in rows { out[row] = compare(left[row], right[row], results, op) }
    case .arithmetic(let op, let a, let b):
      evaluate(a, at: rows)
      evaluate(b, at: rows)
      let left = column(a)
      let right = column(b)
      for row in rows { out[row] = arithmetic(op, left[row], right[row]) }
    case .and(let a, let b):
      shortCircuit(a, b, decidedBy: .no, at: rows, into: out)
    case .or(let a, let b):
      shortCircuit(a, b, decidedBy: .yes, at: rows, into: out)
    case .not(let a):
      evaluate(a, at: rows)
      let operand = column(a)
      for row in rows { out[row] = PlainValue(truth: !truth(operand[row])) }
    case .member(let subject, let items, let negated):
      evaluate(subject, at: rows)
      evaluate(items, at: rows)
      let subjects = column(subject)
      // `x in ["株式会社", …]`, the usual shape: a member tested against a bit mask.
      let mask = layout.memberMasks[safe: index] ?? nil
      for row in rows {
        let result: Truth
        if let mask, case .member(let member) = subjects[row], isIndex(member, below: 64) {
          result = mask & (1 &<< UInt64(member)) != 0 ? .yes : .no
        } else if let mask, case .boxed(let box) = subjects[row] {
          result = boxedMember(box, mask)
        } else {
          result = self.member(subjects[row], items, row)
        }
        out[row] = PlainValue(truth: negated ? !result : result)
      }
    case .test(let subject, let kind, let negated):
      evaluate(subject, at: rows)
      let subjects = column(subject)
      for row in rows {
        let result = test(subjects[row], kind)
        out[row] = PlainValue(truth: negated ? !result : result)
      }
    case .conditional(let c, let a, let b):
      conditional(c, a, b, at: rows, into: out)
    case .lookup(let table, let key):
      evaluate(key, at: rows)
      let keys = column(key)
      for row in rows { out[row] = answers.answer(table, keys[row]) ?? lookup(table, keys[row]) }
    case .firstKnown(let arguments):
      firstKnown(arguments, at: rows, into: out)
    case .negate(let a):
      evaluate(a, at: rows)
      let operand = column(a)
      for row in rows { out[row] = negate(operand[row]) }
    case .within(let subject, let items):
      evaluate(subject, at: rows)
      evaluate(items, at: rows)
      let subjects = column(subject)
      for row in rows { out[row] = within(subjects[row], items, row) }
    }
  }

  /// `a and b` (decided by a false `a`) or `a or b` (decided by a true `a`): `b` only at the
  /// rows where `a` does not decide, in Kleene logic.
  @inline(__always)
  private func shortCircuit(
    _ a: Int, _ b: Int, decidedBy decisive: Truth, at rows: Rows,
    into out: UnsafeMutablePointer<PlainValue>
  ) {
    evaluate(a, at: rows)
    let left = column(a)
    let decided = PlainValue(truth: decisive)
    // Every row gets the decided value as the rows are sorted out, and the rows `a` does not
    // decide get theirs below, so that only they are gone over again; no node below `b` reads
    // this node's column (that would be a cycle). Each row is written to the open rows too,
    // and kept there only if undecided: no branch on the truth, which in a file's rows follows
    // no pattern a branch predictor can learn.
    withRows(rows.count) { open in
      var count = 0
      for row in rows {
        out[row] = decided
        open[count] = row
        count &+= truth(left[row]) == decisive ? 0 : 1
      }
      let undecided = Rows(start: open, count: count)
      evaluate(b, at: undecided)
      let right = column(b)
      for row in undecided {
        let l = truth(left[row])
        let r = truth(right[row])
        out[row] = PlainValue(truth: decisive == .no ? l && r : l || r)
      }
    }
  }

  /// `if c then a else b`: `a` at the rows where `c` may hold, `b` where it may not, with the
  /// condition's truth read once per row. A row's order within a subset changes nothing (each
  /// node's value at a row depends on that row alone), so the rows are sorted into one buffer:
  /// those where `c` holds from the front, those where it does not from the back, the
  /// undecided ones between them, in reach of both branches.
  @inline(__always)
  private func conditional(
    _ c: Int, _ a: Int, _ b: Int, at rows: Rows, into out: UnsafeMutablePointer<PlainValue>
  ) {
    evaluate(c, at: rows)
    let condition = column(c)
    let count = rows.count
    withRows(2 * count) { buffer in
      let undecided = buffer + count
      var yes = 0
      var no = 0
      var unknown = 0
      for row in rows {
        switch truth(condition[row]) {
        case .yes:
          buffer[yes] = row
          yes += 1
        case .no:
          no += 1
          buffer[count - no] = row
        case .unknown:
          undecided[unknown] = row
          unknown += 1
        }
      }
      (buffer + yes).update(from: undecided, count: unknown)
      evaluate(a, at: Rows(start: buffer, count: yes + unknown))
      evaluate(b, at: Rows(start: buffer + yes, count: count - yes))
      let whenTrue = column(a)
      let whenFalse = column(b)
      for row in Rows(start: buffer, count: yes) { out[row] = whenTrue[row] }
      for row in Rows(start: buffer + yes + unknown, count: no) { out[row] = whenFalse[row] }
      for row in Rows(start: buffer + yes, count: unknown) {
        out[row] = eitherBranch(whenTrue[row], whenFalse[row])
      }
    }
  }

  /// Computes node `index` at the rows of `rows` that satisfy `condition`.
  @inline(__always)
  private func evaluate(_ index: Int, at rows: Rows, where condition: (Int) -> Bool) {
    withRows(rows.count) { subset in
      var count = 0
      for row in rows where condition(row) {
        subset[count] = row
        count += 1
      }
      evaluate(index, at: Rows(start: subset, count: count))
    }
  }

  /// Computes every item of a list operand at `rows`.
  private func evaluate(_ items: ItemRange, at rows: Rows) {
    for offset in 0..<Int(items.count) { evaluate(item(items, offset), at: rows) }
  }

  /// Computes definition `slot` at the rows of `rows` it has not been computed at (marked
  /// first, so a definition that reached itself would stop rather than loop; the checker
  /// rejects those).
  private func ensure(definition slot: Int, at rows: Rows) {
    guard slot >= 0 && slot < plan.definitionRoots.count, !complete[slot] else { return }
    // Marked first, as each row is below.
    if rows.count == chunkRows { complete[slot] = true }
    let done = computed + slot * width
    evaluate(plan.definitionRoots[slot], at: rows) { row in
      guard !done[row] else { return false }
      done[row] = true
      return true
    }
  }

  /// `first_known`: each argument at the rows where every argument before it is missing.
  private func firstKnown(
    _ arguments: ItemRange, at rows: Rows, into out: UnsafeMutablePointer<PlainValue>
  ) {
    withRows(rows.count) { pending in
      var count = 0
      for row in rows {
        out[row] = .missing
        pending[count] = row
        count += 1
      }
      for offset in 0..<Int(arguments.count) where count > 0 {
        let argument = item(arguments, offset)
        evaluate(argument, at: Rows(start: pending, count: count))
        let values = column(argument)
        var stillMissing = 0
        for position in 0..<count {
          let row = pending[position]
          if !values[row].isMissing {
            out[row] = values[row]
          } else {
            pending[stillMissing] = row
            stillMissing += 1
          }
        }
        count = stillMissing
      }
    }
  }

  /// The plan node of item `offset` of a list operand (-1, which reads missing, for a bad one).
  @inline(__always)
  private func item(_ range: ItemRange, _ offset: Int) -> Int {
    let position = Int(range.start) + offset
    return position >= 0 && position < plan.items.count ? plan.items[position] : -1
  }

  // MARK: Between plain values and values

  /// The plain form of `value`, boxing it when it holds a reference.
  @inline(__always)
  private func plain(_ value: Value) -> PlainValue {
    if let plain = PlainValue(value) { return plain }
    boxes.append(value)
    return .boxed(boxes.count - 1)
  }

  /// The plain value of input `slot` at `row`: a code its classification made by where it
  /// is, any other value that holds a reference boxed.
  @inline(__always)
  private func input(_ slot: Int, _ row: Int) -> PlainValue {
    guard isIndex(row, below: width), isIndex(slot, below: recordWidth),
      let values = valuesOfRow[row]
    else { return .missing }
    let value = values + slot
    if let plain = PlainValue(value.pointee) { return plain }
    if case .code(let code) = value.pointee, let codeSlot = code.slot,
      let input = Int32(exactly: slot)
    {
      return .code(codeSlot, row: Int32(truncatingIfNeeded: row), input: input)
    }
    boxes.append(value.pointee)
    return .boxed(boxes.count - 1)
  }

  /// Whether `index` is in `0..<count` (`count` ≥ 0), in one comparison: `index >= 0 &&
  /// index < count` compiles to several, and some of these run for every row of a node.
  @inline(__always)
  private func isIndex(_ index: Int, below count: Int) -> Bool {
    UInt(bitPattern: index) < UInt(bitPattern: count)
  }

  /// The value a plain value stands for.
  func value(_ plain: PlainValue) -> Value {
    switch plain {
    case .boxed(let index): return boxes[safe: index] ?? .missing
    case .code(_, let row, let input): return code(row: Int(row), input: Int(input))
    default: return plain.unboxed ?? .missing
    }
  }

  /// The code input `input` holds at `row`, out of line so that `value` stays small enough to
  /// inline where a verdict reads its reported values.
  @inline(never)
  private func code(row: Int, input: Int) -> Value {
    guard isIndex(row, below: width), isIndex(input, below: recordWidth),
      let values = valuesOfRow[row]
    else { return .missing }
    return values[input]
  }

  /// The truth of a boolean-typed value (as `Value.truth`).
  @inline(__always)
  func truth(_ plain: PlainValue) -> Truth {
    switch plain {
    case .boolean(let b): return b ? .yes : .no
    case .boxed: return boxedTruth(plain)
    default: return .unknown
    }
  }

  /// `truth` of a boxed value (a `oneOf` of booleans), out of line so that `truth` inlines
  /// into every loop as a tag test.
  @inline(never)
  private func boxedTruth(_ plain: PlainValue) -> Truth {
    value(plain).truth
  }

  /// The values of a list operand at `row`, for the operations that work on `Value`s.
  private func values(_ range: ItemRange, _ row: Int) -> [Value] {
    var result: [Value] = []
    result.reserveCapacity(Int(range.count))
    for offset in 0..<Int(range.count) { result.append(value(column(item(range, offset))[row])) }
    return result
  }

  // MARK: Operations on one row

  // The rarer ones out of line, so that the loops of the common ones stay small.

  @inline(never)
  private func lookup(_ table: Int, _ key: PlainValue) -> PlainValue {
    guard table >= 0 && table < plan.tables.count else { return .missing }
    if let answer = keptAnswer(table, key) {
      let result = plain(answer)
      answers.keep(result, table, for: key)
      return result
    }
    return plain(plan.tables[table].lookup(value(key)))
  }

  /// The answer table `table` keeps worked out for a member, a code its classification made or
  /// a short `oneOf` of members; nil for any other key. The table and the key are read through
  /// buffer pointers: read out of their arrays, each would be copied (a reference count up and
  /// down, a code's text and path too) for what is mostly one read of a kept answer.
  @inline(__always)
  private func keptAnswer(_ table: Int, _ key: PlainValue) -> Value? {
    plan.tables.withUnsafeBufferPointer { tables in
      guard table >= 0 && table < tables.count else { return nil }
      switch key {
      case .member(let member): return tables[table].answer(forMember: member)
      case .code(let slot, _, _): return tables[table].answer(for: slot)
      case .boxed(let index):
        return boxes.withUnsafeBufferPointer { keys in
          guard index >= 0 && index < keys.count else { return nil }
          switch keys[index] {
          case .code(let code): return code.slot.flatMap { tables[table].answer(for: $0) }
          case .oneOf(let list): return tables[table].answer(forMembers: list)
          default: return nil
          }
        }
      default: return nil
      }
    }
  }

  @inline(never)
  private func within(_ subject: PlainValue, _ items: ItemRange, _ row: Int) -> PlainValue {
    PlainValue(truth: Operations.within(value(subject), values(items, row)))
  }

  /// An undecided condition's result: missing if either branch is, the branches' value where
  /// they agree, and otherwise either of them (as `Value.possibilities`).
  @inline(__always)
  private func eitherBranch(_ whenTrue: PlainValue, _ whenFalse: PlainValue) -> PlainValue {
    if !whenTrue.isBoxed && !whenFalse.isBoxed {
      if whenTrue.isMissing || whenFalse.isMissing { return .missing }
      if whenTrue == whenFalse { return whenTrue }
    }
    return possibilities(whenTrue, whenFalse)
  }

  /// `Value.possibilities` of two branches that differ, or one of which is boxed.
  @inline(never)
  private func possibilities(_ whenTrue: PlainValue, _ whenFalse: PlainValue) -> PlainValue {
    if !whenTrue.isBoxed && !whenFalse.isBoxed {
      // Two known plain values that differ: the list `possibilities` makes of them.
      return plain(.oneOf([value(whenTrue), value(whenFalse)]))
    }
    return plain(Value.possibilities([value(whenTrue), value(whenFalse)]))
  }

  @inline(never)
  private func negate(_ operand: PlainValue) -> PlainValue {
    switch operand {
    case .missing: return .missing
    case .number(let n):
      return ExactNumber.zero.subtracting(n.exact).map { plain(.number($0)) } ?? .missing
    case .boxed, .code: return plain(Operations.negate(value(operand)))
    default: return .missing
    }
  }

  /// As `Operations.arithmetic`: missing if either side is, each possibility of a boxed
  /// `oneOf` through `Operations`. Integers in the loop itself (every ratio of counts), the
  /// rest out of line.
  @inline(__always)
  private func arithmetic(_ op: BinaryOperator, _ a: PlainValue, _ b: PlainValue) -> PlainValue {
    if case .number(let l) = a, case .number(let r) = b {
      switch SmallNumber.integers(op, l, r) {
      case .number(let result): return .number(result)
      case .divisionByZero: return .missing
      case .generalPath: break
      }
    }
    return generalArithmetic(op, a, b)
  }

  /// `arithmetic` of anything but two integers whose result fits.
  @inline(never)
  private func generalArithmetic(_ op: BinaryOperator, _ a: PlainValue, _ b: PlainValue)
    -> PlainValue
  {
    if case .number(let l) = a, case .number(let r) = b {
      return Operations.numbers(op, l.exact, r.exact).map { plain(.number($0)) } ?? .missing
    }
    if a.isBoxed || b.isBoxed { return plain(Operations.arithmetic(op, value(a), value(b))) }
    if case .date(let date) = a, case .duration(let amount, let unit) = b {
      return Operations.shifted(date, op, amount, unit).map(PlainValue.date) ?? .missing
    }
    return .missing
  }

  /// As `Operations.compare`, with `results` the operator's `OrderResults`: plain values in
  /// place, a boxed one through `Operations`.
  @inline(__always)
  private func compare(
    _ a: PlainValue, _ b: PlainValue, _ results: OrderResults, _ op: BinaryOperator
  ) -> PlainValue {
    // Numbers and dates, nearly always.
    if case .number(let l) = a, case .number(let r) = b {
      return results[SmallNumber.compare(l, r)]
    }
    if case .date(let l) = a, case .date(let r) = b { return results[Operations.dateOrder(l, r)] }
    if a.isBoxed || b.isBoxed { return compareBoxed(a, b, results, op) }
    if a.isMissing || b.isMissing { return .missing }
    if a.isNone || b.isNone {
      return a.isNone && b.isNone ? results.noneEqual : results.noneUnequal
    }
    // Neither is boxed, so plain equality is the values' equality; unequal ones have no order.
    return a == b ? results.equal : results.unordered
  }

  /// `Operations.compare` of values one of which is boxed. The usual one, a `oneOf` of plain
  /// values (an `if` or a table that the record leaves undecided) against a plain value, is
  /// compared possibility by possibility in place.
  @inline(never)
  private func compareBoxed(
    _ a: PlainValue, _ b: PlainValue, _ results: OrderResults, _ op: BinaryOperator
  ) -> PlainValue {
    if case .boxed(let box) = a, !b.isBoxed, !b.isMissing,
      case .oneOf(let possibilities)? = boxes[safe: box],
      let result = compare(possibilities, b, results, op, flipped: false)
    {
      return result
    }
    if case .boxed(let box) = b, !a.isBoxed, !a.isMissing,
      case .oneOf(let possibilities)? = boxes[safe: box],
      let result = compare(possibilities, a, results, op, flipped: true)
    {
      return result
    }
    return plain(Operations.compare(op, value(a), value(b)))
  }

  /// Each possibility compared with `other` (on its left when `flipped`), the results
  /// combined as `Operations.combine` does; nil when a possibility is not plain.
  private func compare(
    _ possibilities: [Value], _ other: PlainValue, _ results: OrderResults, _ op: BinaryOperator,
    flipped: Bool
  ) -> PlainValue? {
    var first: PlainValue?
    var differs = false
    var missing = false
    for possibility in possibilities {
      guard let plain = PlainValue(possibility) else { return nil }
      let result = flipped ? compare(other, plain, results, op) : compare(plain, other, results, op)
      if result.isMissing { missing = true }
      if let first { differs = differs || result != first } else { first = result }
    }
    // As `Value.possibilities`: one result shared by all, else missing if any is, else both
    // truths in the order they came.
    guard let first else { return .missing }
    if !differs && !first.isMissing { return first }
    if missing { return .missing }
    guard case .boolean(let truth) = first else { return nil }
    return plain(.oneOf([.boolean(truth), .boolean(!truth)]))
  }

  /// As `Evaluator`'s membership: a single value item by item, anything else through
  /// `Operations.membership`.
  private func member(_ subject: PlainValue, _ items: ItemRange, _ row: Int) -> Truth {
    switch subject {
    case .missing:
      return .unknown
    case .boxed, .code:
      let subjectValue = value(subject)
      let itemValues = values(items, row)
      if case .oneOf = subjectValue { return Operations.membership(subjectValue, itemValues) }
      return Truth(itemValues.contains(subjectValue))
    default:
      // A boxed item never equals a plain subject, so plain equality decides.
      for offset in 0..<Int(items.count) where column(item(items, offset))[row] == subject {
        return .yes
      }
      return .no
    }
  }

  /// Membership of boxed value `box` in a list of members given as `mask` (as
  /// `Operations.membership`): a `oneOf` is in the list when each possibility is, out of it
  /// when none is; any other boxed value (a text, a code, a list) is never a member.
  @inline(never)
  private func boxedMember(_ box: Int, _ mask: UInt64) -> Truth {
    boxes.withUnsafeBufferPointer { boxes in
      guard box >= 0 && box < boxes.count, case .oneOf(let possibilities) = boxes[box] else {
        return .no
      }
      var every = true
      var any = false
      for possibility in possibilities {
        let hit: Bool
        if case .member(let member) = possibility, member >= 0 && member < 64 {
          hit = mask & (1 &<< UInt64(member)) != 0
        } else {
          hit = false
        }
        every = every && hit
        any = any || hit
      }
      return every ? .yes : (any ? .unknown : .no)
    }
  }

  /// As `Operations.test`.
  private func test(_ subject: PlainValue, _ kind: TestKind) -> Truth {
    if subject.isBoxed { return Operations.test(value(subject), kind) }
    switch kind {
    case .missing: return Truth(subject.isMissing)
    case .none:
      switch subject {
      case .missing: return .unknown
      case .none: return .yes
      default: return .no
      }
    }
  }
}

/// A comparison's result for each order of two values, as `Operations.comparison` gives it,
/// and for values with no order: unequal ones, and "none" on either side.
private struct OrderResults {
  let less: PlainValue
  let equal: PlainValue
  let greater: PlainValue
  /// Two values that are not equal and have no order (a number and a date, two members).
  let unordered: PlainValue
  /// "None" on both sides, and on one side only.
  let noneEqual: PlainValue
  let noneUnequal: PlainValue

  init(_ op: BinaryOperator) {
    func result(_ truth: Bool?) -> PlainValue { truth.map(PlainValue.boolean) ?? .missing }
    less = result(Operations.comparison(op, order: -1))
    equal = result(Operations.comparison(op, order: 0))
    greater = result(Operations.comparison(op, order: 1))
    unordered = result(Operations.comparison(op, order: nil))
    noneEqual = result(Operations.noneComparison(op, equal: true))
    noneUnequal = result(Operations.noneComparison(op, equal: false))
  }

  /// The result for `order` (-1, 0 or 1; any other is read by its sign).
  @inline(__always)
  subscript(order: Int) -> PlainValue {
    order < 0 ? less : (order == 0 ? equal : greater)
  }
}

extension BatchEvaluator {
  /// Evaluates the records of `batch` at `indices` (every record, when nil), in order, a
  /// chunk at a time: `checks` at every row, then `roots` at the rows where no check is false,
  /// and calls `body` with each row of the chunk and its record's index (the row's values
  /// readable through `BatchRow` until the next chunk starts).
  func run(
    _ batch: RecordBatch, at indices: [Int]? = nil, checks: [Int], roots: [Int],
    _ body: (_ row: Int, _ record: Int) -> Void
  ) {
    runChunks(batch, at: indices, checks: checks, roots: roots) { chunk, _, _ in
      for (row, index) in zip(0..<chunk.count, chunk) { body(row, index) }
    }
  }

  /// `run`, with `body` called once per chunk, after its roots: with the chunk's records (row
  /// `r` is record `chunk[chunk.startIndex + r]`), whether each row breaks no check, and the
  /// rows that break none (where the roots were computed), in increasing order. A caller that
  /// reads a root at every row then goes over one column at a time.
  func runChunks(
    _ batch: RecordBatch, at indices: [Int]? = nil, checks: [Int], roots: [Int],
    _ body: (_ chunk: ArraySlice<Int>, _ isConsistent: UnsafePointer<Bool>, _ consistent: Rows)
      -> Void
  ) {
    runChunks(
      batch, at: (indices ?? Array(0..<batch.count))[...], checks: checks, roots: roots, body)
  }

  /// `runChunks` over the records of `batch` at `indices`, a part of the records screened.
  func runChunks(
    _ batch: RecordBatch, at indices: ArraySlice<Int>, checks: [Int], roots: [Int],
    _ body: (_ chunk: ArraySlice<Int>, _ isConsistent: UnsafePointer<Bool>, _ consistent: Rows)
      -> Void
  ) {
    let checkColumns = checks.map(column(ofNode:))
    let isConsistent = UnsafeMutablePointer<Bool>.allocate(capacity: width)
    defer { isConsistent.deallocate() }
    var start = indices.startIndex
    while start < indices.endIndex {
      let count = min(width, indices.endIndex - start)
      let chunk = indices[start..<start + count]
      self.start(batch, chunk)
      withRows(count) { all in
        for row in 0..<count { all[row] = row }
        let every = Rows(start: all, count: count)
        for check in checks { evaluate(root: check, at: every) }
        // A check at a time over the rows, rather than every check at each row.
        isConsistent.initialize(repeating: true, count: count)
        for column in checkColumns {
          for row in 0..<count where truth(column[row]) == .no { isConsistent[row] = false }
        }
        withRows(count) { consistent in
          var kept = 0
          for row in 0..<count where isConsistent[row] {
            consistent[kept] = row
            kept += 1
          }
          let rows = Rows(start: consistent, count: kept)
          for root in roots { evaluate(root: root, at: rows) }
          body(chunk, isConsistent, rows)
        }
      }
      start += count
    }
  }

  /// `run` over records given one by one (a batch is made of them).
  func run(_ records: [Record], checks: [Int], roots: [Int], _ body: (Int) -> Void) {
    let width = records.map(\.values.count).max() ?? 0
    run(RecordBatch(width: width, records: records), checks: checks, roots: roots) { row, _ in
      body(row)
    }
  }
}

/// One row of a `BatchEvaluator`'s chunk whose roots are computed, read the way
/// `RuleSet.verdict` and `RuleSet.brokenChecks` read an evaluator.
struct BatchRow: RootEvaluating {
  let evaluator: BatchEvaluator
  let row: Int

  func truth(ofRoot index: Int) -> Truth {
    evaluator.truth(evaluator.value(ofNode: index, row: row))
  }

  func value(ofRoot index: Int) -> Value {
    evaluator.value(evaluator.value(ofNode: index, row: row))
  }
}
