import PioneerRules
import PioneerTestSupport
import Testing

@testable import PioneerRecords

/// Random applicant files, written with random quoting, missing and bad cells, embedded line
/// breaks, repeated ids and wrong field counts, read back and checked against what was
/// written: every row comes out once, in input order, on its line, valid exactly when it
/// should be, with its values or with one error per bad cell.
@Suite struct ApplicantPropertyTests {
  /// Spellings that read, with their values, and spellings that do not, per column.
  private static let cells: [(good: [(String, Value?)], bad: [String])] = [
    ([], []),  // id: generated
    ([], []),  // name: generated
    ([("株式会社", .member(0)), ("NPO法人", .member(7)), ("地方公共団体", .member(17))], ["合弁会社"]),
    (
      [
        ("39", .code(IndustryCode(text: "39", path: ["39", "G"]))),
        ("9", .code(IndustryCode(text: "09", path: ["09", "E"]))),
        ("g", .code(IndustryCode(text: "G", path: ["G"]))),
      ], ["Z", "000"]
    ),
    (
      [("3億円", number(300_000_000)), ("5,000万円", number(50_000_000)), ("1000", number(1000))],
      ["1.5億"]
    ),
    ([("12", number(12)), ("1,234", number(1234)), ("７人", number(7))], ["12.5", "-3", "abc"]),
    ([("12", number(12)), ("1,234", number(1234)), ("７人", number(7))], ["1000000001"]),
    ([("0", number(0)), ("40", number(40))], ["4,0"]),
    ([("0", number(0)), ("40", number(40))], ["x"]),
    ([("4", number(4)), ("3.95", number(395, 100)), ("4日", number(4))], ["4..0", "-1"]),
    ([("本則", .member(0)), ("個別規程", .member(1)), ("none", .member(2))], ["たぶん"]),
    ([("はい", .boolean(true)), ("×", .boolean(false)), ("YES", .boolean(true))], ["maybe"]),
    ([("なし", Value.none), ("R2.10.12", date(2020, 10, 12))], ["2021-02-30", "ない"]),
    ([("はい", .boolean(true)), ("いいえ", .boolean(false))], ["2"]),
    (
      [("2021-10-12", date(2021, 10, 12)), ("令和3年9月1日", date(2021, 9, 1))],
      ["平成31年5月1日", "令和0年1月1日"]
    ),
  ]

  struct Expected {
    var line: Int
    var valid: Bool
    var values: [Value]
    var badCells: Int
  }

  private static func quoted(_ field: String, force: Bool) -> String {
    let needs =
      field.contains(",") || field.contains("\"") || field.contains("\n")
      || field.contains("\r")
    guard needs || force else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  static func file(
    seed: UInt64, rows: Int
  ) -> (text: String, expected: [Expected], blanks: Int) {
    var random = SplitMix64(seed: seed)
    let newline = random.next() % 2 == 0 ? "\n" : "\r\n"
    var text = TestSchema.header + newline
    var line = 2
    var expected: [Expected] = []
    var blanks = 0
    var seenIDs: [String] = []
    /// True `perMille` times in a thousand.
    func chance(_ perMille: UInt64) -> Bool { random.next() % 1000 < perMille }
    func pick<T>(_ options: [T]) -> T { options[Int(random.next() % UInt64(options.count))] }

    for index in 0..<rows {
      if chance(80) {
        text += pick(["", ",,,", " ,\u{3000},", "\"\",,"]) + newline
        blanks += 1
        line += 1
        continue
      }
      var fields: [String] = []
      var values: [Value] = []
      var badColumns: [Int] = []
      // Id: fresh, repeated or empty.
      var id = "A\(index)"
      if chance(50), !seenIDs.isEmpty { id = pick(seenIDs) }
      if chance(30) { id = "" }
      let duplicate = !id.isEmpty && seenIDs.contains(id)
      if !id.isEmpty { seenIDs.append(id) }
      fields.append(id)
      values.append(id.isEmpty ? .missing : .text(id))
      // Name: with line breaks and quotes now and then, or empty.
      var name = "会社\(index)"
      if chance(150) { name += newline + "本店" }
      if chance(100) { name = "\"\(name)\" 株式会社" }
      if chance(30) { name = "" }
      fields.append(name)
      values.append(name.isEmpty ? .missing : .text(name))
      // Typed columns: good, missing or bad.
      for column in 2..<15 {
        let options = cells[column]
        if chance(80) {
          fields.append(chance(500) ? "" : " ")
          values.append(.missing)
        } else if chance(50) {
          fields.append(pick(options.bad))
          values.append(.missing)
          badColumns.append(column)
        } else {
          let (spelling, value) = pick(options.good)
          fields.append(spelling)
          values.append(value ?? .missing)
        }
      }
      // Field count: short, long, or padded with empty fields (which is fine).
      var countOK = true
      if chance(30) {
        fields.removeLast()
        values[14] = .missing
        badColumns.removeAll { $0 == 14 }
        countOK = false
      } else if chance(30) {
        fields.append("extra")
        countOK = false
      } else if chance(50) {
        fields += ["", " "]
      }
      text += fields.map { quoted($0, force: chance(300)) }.joined(separator: ",") + newline
      let valid = badColumns.isEmpty && !id.isEmpty && !name.isEmpty && !duplicate && countOK
      expected.append(
        Expected(line: line, valid: valid, values: values, badCells: badColumns.count))
      line += name.contains(newline) ? 2 : 1
    }
    return (text, expected, blanks)
  }

  @Test(arguments: [(1, 1), (2, 7), (3, 64), (4, 4096), (5, 256 * 1024)] as [(UInt64, Int)])
  func rowsInEqualRecordsPlusInvalidInOrderOnTheirLines(seed: UInt64, chunkSize: Int) throws {
    let (text, expected, blanks) = Self.file(seed: seed, rows: chunkSize == 1 ? 150 : 600)
    let (rows, reader) = try applicantRows(text, chunkSize: chunkSize)
    #expect(rows.count == expected.count)
    #expect(reader.skippedBlankRecords == blanks)
    #expect(expected.contains { !$0.valid } && expected.contains { $0.valid })
    for (row, want) in zip(rows, expected) {
      #expect(row.line == want.line)
      switch row {
      case .record(let record):
        #expect(want.valid, "line \(want.line) should be invalid")
        #expect(record.values == want.values, "line \(want.line)")
      case .invalid(_, _, _, let errors):
        #expect(!want.valid, "line \(want.line) should be valid: \(errors)")
        let cellErrors = errors.filter { if case .cell = $0 { return true } else { return false } }
        #expect(cellErrors.count == want.badCells, "line \(want.line): \(errors)")
      }
    }
  }
}
