import PioneerRules

/// One data row of an applicant file, in input order: a typed record, or an invalid row
/// with every reason it is invalid.
public enum ApplicantRow: Hashable, Sendable {
  /// A row whose cells all read; consistency checks come later, from the rule set.
  case record(Record)
  /// A row that cannot be screened (spec §7), with its id and name when readable.
  case invalid(line: Int, id: String?, name: String?, errors: [RowError])

  /// The physical line on which the row starts.
  public var line: Int {
    switch self {
    case .record(let record): return record.line
    case .invalid(let line, _, _, _): return line
    }
  }
}
