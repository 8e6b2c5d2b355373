import PioneerRecords
import PioneerRules

/// Reads the reviewers' score sheet (criteria.md §8) with the same intake as the applicant
/// file (encodings, quoting, NFKC), matching columns by the award's declared names.
public struct ReviewSheet: Sendable {
  /// A valid review: who scored which applicant how, on each axis in the award's order.
  public struct Review: Sendable, Hashable {
    public let line: Int
    public let applicantID: String
    public let reviewer: String
    public let scores: [Int]
  }

  public let reviews: [Review]
  /// Rows that could not be read: reported with their line and reason.
  public let issues: [ReviewIssue]
  /// SHA-256 of the file's bytes.
  public let sha256: String

  /// Reads `path` against the award's columns; the applicant id column is the rule set's
  /// id input.
  public static func read(
    path: String, ruleSet: RuleSet, award: AwardSettings, options: ReaderOptions = ReaderOptions()
  ) throws(FileError) -> ReviewSheet {
    let hashing: HashingSource
    do {
      hashing = HashingSource(try FileDescriptorSource(path: path))
    } catch {
      throw FileError(path: path, problem: error)
    }
    do throws(FileProblem) {
      let text = try TextStream(
        source: hashing, encoding: options.encoding, chunkSize: options.chunkSize)
      let csv = CSVReader(
        text: text, delimiter: options.delimiter ?? FieldDelimiter(forPath: path))
      guard let headerRecord = try csv.next() else { throw FileProblem.emptyFile }
      let header = headerRecord.fields.map(CellText.normalize)
      let idColumns = ruleSet.schema.input(role: .id)?.columnNames ?? []
      func column(_ names: [String]) -> Int? {
        let wanted = Set(names.map { CellText.normalize($0).lowercased() })
        return header.firstIndex { wanted.contains($0.lowercased()) }
      }
      guard let idColumn = column(idColumns) else {
        let label = ruleSet.schema.input(role: .id)?.label ?? Label(ja: "応募ID", en: "applicant_id")
        throw FileProblem.missingColumns(missing: [label], found: header)
      }
      guard let reviewerColumn = column(award.reviewerColumns) else {
        throw FileProblem.missingColumns(missing: [award.reviewerLabel], found: header)
      }
      var axisColumns: [Int] = []
      for axis in award.axes {
        guard let index = column(axis.columns) else {
          throw FileProblem.missingColumns(missing: [axis.label], found: header)
        }
        axisColumns.append(index)
      }
      var reviews: [Review] = []
      var issues: [ReviewIssue] = []
      var firstLines: [String: Int] = [:]
      while let record = try csv.next() {
        let fields = record.fields.map(CellText.normalize)
        if fields.allSatisfy(\.isEmpty) { continue }
        let line = record.line
        let trimmedCount = (fields.lastIndex { !$0.isEmpty } ?? -1) + 1
        guard
          fields.count == header.count
            || (fields.count > header.count && trimmedCount <= header.count)
        else {
          issues.append(
            ReviewIssue(line: line, kind: .fieldCount(expected: header.count, found: fields.count)))
          continue
        }
        func cell(_ index: Int) -> String { index < fields.count ? fields[index] : "" }
        var rowIssues: [ReviewIssue.Kind] = []
        let id = cell(idColumn)
        let reviewer = cell(reviewerColumn)
        if id.isEmpty { rowIssues.append(.missingID) }
        if reviewer.isEmpty { rowIssues.append(.missingReviewer(column: award.reviewerLabel)) }
        var scores: [Int] = []
        for (axis, index) in zip(award.axes, axisColumns) {
          let text = cell(index)
          if text.isEmpty {
            rowIssues.append(.missingScore(axis: axis.label))
          } else if let score = Int(text), text.allSatisfy(\.isASCII),
            score >= award.lowestScore, score <= award.highestScore
          {
            scores.append(score)
          } else {
            rowIssues.append(
              .badScore(
                axis: axis.label, text: text, lowest: award.lowestScore, highest: award.highestScore
              ))
          }
        }
        if rowIssues.isEmpty {
          let key = reviewer + "\u{0}" + id
          if let first = firstLines[key] {
            rowIssues.append(
              .duplicate(reviewer: reviewer, id: id, firstLine: first, column: award.reviewerLabel))
          } else {
            firstLines[key] = line
          }
        }
        if rowIssues.isEmpty {
          reviews.append(Review(line: line, applicantID: id, reviewer: reviewer, scores: scores))
        } else {
          issues += rowIssues.map { ReviewIssue(line: line, kind: $0) }
        }
      }
      return ReviewSheet(reviews: reviews, issues: issues, sha256: hashing.hexDigest)
    } catch {
      throw FileError(path: path, problem: error)
    }
  }
}
