import PioneerRules
import PioneerScreening

/// CSV for spreadsheets: UTF-8 with BOM and CRLF so Japanese Excel opens it as is; a cell
/// that could start a formula is neutralised. Columns: id, line, outcome, each criterion,
/// the reported facts, name, errors; the audit block follows the rows after a blank line.
///
/// A row is written straight into the sink's buffer (`CSVWriter.writeRowInPlace`): its fixed
/// cells (outcome, criteria, reported facts) are copied from cells encoded once, found by the
/// verdict's codes (`VerdictCodes`), its id and name copied as they are when they need no
/// quoting, from the bytes its batch keeps (`ScreenedApplicant.withIDAndName(_:)`); a row the
/// fast way cannot write goes through the encoder cell by cell (`writeRowThroughEncoder`),
/// with the same bytes.
public final class CSVReport: ScreeningReport {
  private let cells: ApplicantCells
  private let writer: CSVWriter
  /// Every fixed cell, encoded once; the fields below are cells of it.
  private let fixedCells: CSVFixedCells
  /// Outcome labels: each tier's by index, then not selected, indeterminate, invalid.
  private let outcomeCells: [CSVFixedCells.Cell]
  private let tierCount: Int
  /// The criteria's cells, by the bytes of their truth codes (`VerdictCodes.criteria`).
  private let criterionCells: TruthCells
  /// The reported definitions' cells, by value code (`VerdictCodes.code(of:)` of a value).
  private let reportedCells: CellCombinations
  /// The number of codes each reported definition has a cell for: undecided, false, true and
  /// the members of its enumeration (none for other types).
  private let reportedCodeCounts: [Int]
  /// An invalid row's criterion and reported cells.
  private let emptyCell: CSVFixedCells.Cell
  /// The most a row's cells take apart from its id, name and errors.
  private let fixedRowBytes: Int
  private let reportedCount: Int

  public init(context: ReportContext, sink: any ByteSink) {
    let cells = ApplicantCells(context)
    let writer = CSVWriter(to: sink, lineEnding: .crlf, byteOrderMark: true)
    self.cells = cells
    self.writer = writer
    let ruleSet = context.ruleSet
    var builder = CSVFixedCells.Builder(for: writer)
    let outcomes =
      ruleSet.tiers.indices.map { Outcome.tier($0) } + [
        .notSelected, .indeterminate, .invalid,
      ]
    outcomeCells = outcomes.map { builder.add(CSVReport.outcomeText($0, cells)) }
    tierCount = ruleSet.tiers.count
    reportedCount = ruleSet.reported.count
    criterionCells = TruthCells(
      columnCount: ruleSet.criteria.count,
      texts: CSVReport.truthsByCode.map { cells.criterion($0) }, builder: &builder)
    let reportedMemberCounts = ruleSet.reported.map { slot in
      guard case .enumeration(let name)? = ruleSet.definitions[safe: slot]?.type else { return 0 }
      let members = ruleSet.enumerations.first { $0.name == name }?.members.count ?? 0
      // Members past the codes' capacity have no code, so no cell.
      return min(members, VerdictCodes.memberCapacity)
    }
    reportedCodeCounts = reportedMemberCounts.map { 3 + $0 }
    reportedCells = CellCombinations(
      texts: zip(ruleSet.reported, reportedMemberCounts).map { slot, memberCount in
        [Value.missing, .boolean(false), .boolean(true)].map { cells.reported($0, slot: slot) }
          + (0..<memberCount).map { cells.reported(.member($0), slot: slot) }
      }, builder: &builder)
    emptyCell = builder.add("")
    fixedCells = builder.finish()
    let emptyCells = (ruleSet.criteria.count + ruleSet.reported.count) * emptyCell.count
    fixedRowBytes =
      (outcomeCells.map(\.count).max() ?? 0)
      + max(criterionCells.maximumByteCount + reportedCells.maximumByteCount, emptyCells)
      + CSVRowCursor.numberCellBytes
  }

  /// Truths in the order of their codes (`VerdictCodes.code(of:)`).
  private static let truthsByCode: [Truth] = [.yes, .no, .unknown]

  /// The outcome as a cell: the Japanese label, or the stable code in English.
  private static func outcomeText(_ outcome: Outcome, _ cells: ApplicantCells) -> String {
    cells.context.ja ? cells.ruleSet.label(of: outcome, .ja) : cells.ruleSet.code(of: outcome)
  }

  public func begin() throws {
    let ja = cells.context.ja
    var header = ja ? ["応募ID", "行", "結果"] : ["id", "line", "outcome"]
    header += cells.ruleSet.criteria.map(\.id)
    header +=
      ja ? cells.reportedTitles : cells.ruleSet.reported.map { cells.ruleSet.definitions[$0].name }
    header += ja ? ["企業・団体名", "エラー"] : ["name", "errors"]
    try writer.writeRow(header)
  }

  public func add(_ applicant: ScreenedApplicant) throws {
    // The usual row: its cells found by the codes its batch worked out, read in place, and
    // its id and name copied from the batch's bytes.
    if let codes = applicant.codes,
      try applicant.withIDAndName({ id, name in
        try writeRowInPlace(
          id: id, line: applicant.line, codes: codes, name: name, problems: applicant.problems)
      })
    {
      return
    }
    guard let criteria = applicant.criteria else {
      return try appendRow(
        id: applicant.id, line: applicant.line, outcome: .invalid, criteria: TruthList(),
        reported: [], name: applicant.name, problems: applicant.problems)
    }
    // A verdict without codes, or one the codes' cells cannot write: read part by part.
    try appendRow(
      id: applicant.id, line: applicant.line, outcome: applicant.outcome, criteria: criteria,
      reported: (0..<reportedCount).map { applicant.reported($0) ?? .missing },
      name: applicant.name, problems: applicant.problems)
  }

  /// Writes one applicant's row from its parts, so that rows can come from a batch's columns
  /// as well as from `ScreenedApplicant`s.
  ///
  /// - Parameters:
  ///   - criteria: one truth per criterion of the rule set; empty for an invalid row, whose
  ///     criterion cells are empty.
  ///   - reported: one value per reported definition; empty for an invalid row.
  ///   - problems: why the row is invalid; empty for a valid row.
  func appendRow(
    id: String, line: Int, outcome: Outcome, criteria: TruthList, reported: [Value], name: String,
    problems: [RowProblem]
  ) throws {
    let written = try writeRowInPlace(
      id: id, line: line, outcome: outcome, criteria: criteria, reported: reported, name: name,
      problems: problems)
    if !written {
      try writeRowThroughEncoder(
        id: id, line: line, outcome: outcome, criteria: criteria, reported: reported, name: name,
        problems: problems)
    }
  }

  /// Writes the row straight into the sink, its fixed cells copied from `fixedCells`.
  ///
  /// - Returns: false, having written nothing, for a row with a cell that has no fixed cell
  ///   (a reported value of a type without one, a tier the rule set lacks) or truths and
  ///   values that do not match the rule set; `writeRowThroughEncoder` writes those.
  func writeRowInPlace(
    id: String, line: Int, outcome: Outcome, criteria: TruthList, reported: [Value], name: String,
    problems: [RowProblem]
  ) throws -> Bool {
    // An invalid row has neither truths nor values, and empty cells for them.
    guard !criteria.isEmpty || !reported.isEmpty else {
      return try CSVReport.withUTF8(id, name) { id, name in
        try writeRowInPlace(
          id: id, line: line, outcome: outcome, codes: nil, name: name, problems: problems)
      }
    }
    guard let codes = VerdictCodes(outcome: outcome, criteria: criteria, reported: reported)
    else { return false }
    return try writeRowInPlace(
      id: id, line: line, codes: codes, name: name, problems: problems)
  }

  /// Writes an evaluated row, whose outcome, criteria and reported cells are those of
  /// `codes`, straight into the sink.
  ///
  /// - Returns: false, having written nothing, for codes that do not match the rule set's
  ///   criteria and reported definitions, or with no fixed cell.
  func writeRowInPlace(
    id: String, line: Int, codes: VerdictCodes, name: String, problems: [RowProblem]
  ) throws -> Bool {
    try CSVReport.withUTF8(id, name) { id, name in
      try writeRowInPlace(id: id, line: line, codes: codes, name: name, problems: problems)
    }
  }

  /// `writeRowInPlace(id:line:codes:name:problems:)` with the id and name as UTF-8 bytes.
  private func writeRowInPlace(
    id: UnsafeBufferPointer<UInt8>, line: Int, codes: VerdictCodes,
    name: UnsafeBufferPointer<UInt8>, problems: [RowProblem]
  ) throws -> Bool {
    guard codes.criterionCount == criterionCells.columnCount,
      codes.reportedCount == reportedCells.columnCount
    else { return false }
    return try writeRowInPlace(
      id: id, line: line, outcome: codes.outcome, codes: codes, name: name, problems: problems)
  }

  /// Calls `body` with the UTF-8 bytes of `id` and `name`, for the writers that take bytes.
  private static func withUTF8<R>(
    _ id: String, _ name: String,
    _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) throws -> R
  ) rethrows -> R {
    var id = id
    var name = name
    return try id.withUTF8 { id in try name.withUTF8 { name in try body(id, name) } }
  }

  /// Writes the row straight into the sink, its id and name given as UTF-8 bytes (written as
  /// their Strings would be): its criterion and reported cells those of `codes` (whose counts
  /// the caller has checked), or empty ones when it has none.
  private func writeRowInPlace(
    id: UnsafeBufferPointer<UInt8>, line: Int, outcome: Outcome, codes: VerdictCodes?,
    name: UnsafeBufferPointer<UInt8>, problems: [RowProblem]
  ) throws -> Bool {
    // Only an invalid row has errors, so the text is made only then.
    let errors = problems.isEmpty ? nil : cells.errors(problems).joined(separator: "; ")
    let bound =
      fixedRowBytes + CSVRowCursor.maximumByteCount(ofUTF8: id)
      + CSVRowCursor.maximumByteCount(ofUTF8: name)
      + (errors.map(CSVRowCursor.maximumByteCount(of:)) ?? 1)
    return try writer.writeRowInPlace(maximumByteCount: bound) { room in
      guard var row = writer.makeCursor(over: room) else { return 0 }
      let fixedCells = fixedCells
      row.append(utf8: id)
      row.append(line)
      guard let outcomeCell = outcomeCell(outcome) else { return 0 }
      row.append(outcomeCell, from: fixedCells)
      if let codes {
        guard appendCells(of: codes, to: &row, from: fixedCells) else { return 0 }
      } else {
        appendEmptyCells(criterionCells.columnCount + reportedCells.columnCount, to: &row)
      }
      row.append(utf8: name)
      if let errors { row.append(errors) } else { row.appendEmptyCell() }
      return row.endRow()
    }
  }

  /// The outcome's cell; nil for a tier the rule set lacks.
  @inline(__always)
  private func outcomeCell(_ outcome: Outcome) -> CSVFixedCells.Cell? {
    switch outcome {
    case .tier(let index): return index >= 0 && index < tierCount ? outcomeCells[safe: index] : nil
    case .notSelected: return outcomeCells[safe: tierCount]
    case .indeterminate: return outcomeCells[safe: tierCount &+ 1]
    case .invalid: return outcomeCells[safe: tierCount &+ 2]
    }
  }

  /// Appends the criterion and reported cells of `codes`. False for a code with no cell.
  private func appendCells(
    of codes: VerdictCodes, to row: inout CSVRowCursor, from fixedCells: CSVFixedCells
  ) -> Bool {
    var truths = codes.criteria
    for group in 0..<criterionCells.groupCount {
      guard let cell = criterionCells.cell(group, Int(truncatingIfNeeded: truths & 0xFF)) else {
        return false
      }
      row.append(cell, from: fixedCells)
      truths &>>= 8
    }
    for group in reportedCells.groups {
      var combination = 0
      var weight = 1
      for column in group.columns {
        let code = codes.reportedCode(column)
        guard let codeCount = reportedCodeCounts[safe: column], code < codeCount else {
          return false
        }
        combination &+= code &* weight
        weight &*= codeCount
      }
      guard let cell = reportedCells.cell(group, combination) else { return false }
      row.append(cell, from: fixedCells)
    }
    return true
  }

  private func appendEmptyCells(_ count: Int, to row: inout CSVRowCursor) {
    for _ in 0..<count { row.append(emptyCell, from: fixedCells) }
  }

  /// The row as `CSVWriter.writeRow` writes its texts, each through the encoder: for the rows
  /// `appendRow` cannot write in place, and the reference its tests hold it to.
  func writeRowThroughEncoder(
    id: String, line: Int, outcome: Outcome, criteria: TruthList, reported: [Value], name: String,
    problems: [RowProblem]
  ) throws {
    var row = [id, String(line), CSVReport.outcomeText(outcome, cells)]
    for index in 0..<criterionCells.columnCount {
      row.append(index < criteria.count ? cells.criterion(criteria[index]) : "")
    }
    for (position, slot) in cells.ruleSet.reported.enumerated() {
      row.append(position < reported.count ? cells.reported(reported[position], slot: slot) : "")
    }
    row.append(name)
    row.append(problems.isEmpty ? "" : cells.errors(problems).joined(separator: "; "))
    try writer.writeRow(row)
  }

  public func finish(summary: ScreeningSummary, audit: AuditRecord) throws {
    try writer.writeRow([String]())
    for field in audit.fields(cells.context.language) {
      try writer.writeRow(["#audit", field.key, field.value])
    }
    try writer.finish()
  }
}

/// Fixed cells of the criteria, four at a time: for each group of four consecutive criteria
/// (fewer in the last), one cell per byte of their truth codes (`VerdictCodes.criteria`, two
/// bits a truth), the four cells and their delimiters end to end. A row copies one cell per
/// group, found by the byte itself, with no work per criterion.
private struct TruthCells {
  static let columnsPerGroup = 4

  let columnCount: Int
  let groupCount: Int
  /// 256 entries a group, by byte: nil for a byte with a code no truth has, or with bits past
  /// the last criterion.
  private let cells: [CSVFixedCells.Cell?]
  /// The most the criteria's cells take, for a row's bound.
  let maximumByteCount: Int

  /// The cells of `columnCount` criteria, `texts` being a truth's cell by code.
  init(columnCount: Int, texts: [String], builder: inout CSVFixedCells.Builder) {
    let columnCount = max(columnCount, 0)
    let groupCount = (columnCount + TruthCells.columnsPerGroup - 1) / TruthCells.columnsPerGroup
    var cells: [CSVFixedCells.Cell?] = []
    var maximumByteCount = 0
    for group in 0..<groupCount {
      let columns = min(
        TruthCells.columnsPerGroup, columnCount - group * TruthCells.columnsPerGroup)
      let groupCells = (0..<256).map { byte -> CSVFixedCells.Cell? in
        guard byte >> (2 * columns) == 0 else { return nil }
        let codes = (0..<columns).map { (byte >> (2 * $0)) & 0b11 }
        guard codes.allSatisfy({ $0 < texts.count }) else { return nil }
        return builder.add(joining: codes.map { texts[$0] })
      }
      cells += groupCells
      maximumByteCount += groupCells.compactMap { $0?.count }.max() ?? 0
    }
    self.columnCount = columnCount
    self.groupCount = groupCount
    self.cells = cells
    self.maximumByteCount = maximumByteCount
  }

  /// The cell of group `group` for the byte `byte` of its truth codes.
  @inline(__always)
  func cell(_ group: Int, _ byte: Int) -> CSVFixedCells.Cell? {
    cells[safe: group &<< 8 | byte] ?? nil
  }
}

/// Fixed cells of consecutive columns written together, such as the reported facts: the
/// columns are split into groups of at most `combinationLimit` combinations of their values,
/// and every combination is stored as one cell (the columns' cells and delimiters end to
/// end), so that a row copies one cell per group rather than one per column.
///
/// A column's values are numbered by code; a combination's index in its group is
/// `Σ code(column) · weight(column)`, each column's weight being the product of the numbers
/// of values of the columns before it in the group.
private struct CellCombinations {
  struct Group {
    let columns: Range<Int>
    /// Where the group's combinations start in `cells`.
    let start: Int
  }

  /// The most combinations a group has (four columns of three values each). Bigger groups
  /// would save little for a much bigger table.
  static let combinationLimit = 81

  let columnCount: Int
  let groups: [Group]
  private let cells: [CSVFixedCells.Cell]
  /// The most the columns' cells take, for a row's bound.
  let maximumByteCount: Int

  /// The combinations of `texts`: for each column, its cell's text for each code (a column
  /// without any is taken as one empty cell).
  init(texts: [[String]], builder: inout CSVFixedCells.Builder) {
    let texts = texts.map { $0.isEmpty ? [""] : $0 }
    var groups: [Group] = []
    var cells: [CSVFixedCells.Cell] = []
    var maximumByteCount = 0
    var first = 0
    while first < texts.count {
      // At least one column per group, however many values it has.
      var end = first + 1
      var combinationCount = texts[first].count
      while end < texts.count,
        combinationCount * texts[end].count <= CellCombinations.combinationLimit
      {
        combinationCount *= texts[end].count
        end += 1
      }
      let columns = texts[first..<end]
      let groupCells = (0..<combinationCount).map { combination in
        var rest = combination
        return builder.add(
          joining: columns.map { values in
            defer { rest /= values.count }
            return values[safe: rest % values.count] ?? ""
          })
      }
      groups.append(Group(columns: first..<end, start: cells.count))
      cells += groupCells
      maximumByteCount += groupCells.map(\.count).max() ?? 0
      first = end
    }
    self.columnCount = texts.count
    self.groups = groups
    self.cells = cells
    self.maximumByteCount = maximumByteCount
  }

  /// The cell of combination `combination` of `group`. (Codes below each column's number of
  /// values keep `combination` below the group's count of combinations.)
  @inline(__always)
  func cell(_ group: Group, _ combination: Int) -> CSVFixedCells.Cell? {
    cells[safe: group.start &+ combination]
  }
}

/// `id,outcome,P1,…` lines, no header and no audit block: the form other engines print, for
/// comparing outcomes row by row.
public final class OutcomesReport: ScreeningReport {
  private let ruleSet: RuleSet
  private let sink: any ByteSink

  public init(context: ReportContext, sink: any ByteSink) {
    ruleSet = context.ruleSet
    self.sink = sink
  }

  public func begin() throws {}

  public func add(_ applicant: ScreenedApplicant) throws {
    var line = applicant.id + "," + ruleSet.code(of: applicant.outcome)
    for truth in applicant.criteria ?? [] { line += "," + truth.word }
    try sink.write(line + "\n")
  }

  public func finish(summary: ScreeningSummary, audit: AuditRecord) throws {
    try sink.flush()
  }
}
