/// The byte between fields: a comma, or a tab for `.tsv` files (spec §3.1).
public enum FieldDelimiter: Hashable, Sendable {
  case comma
  case tab

  /// The delimiter a file name implies: tab for `.tsv` (any letter case), else comma.
  public init(forPath path: String) {
    self = path.lowercased().hasSuffix(".tsv") ? .tab : .comma
  }

  var byte: UInt8 {
    switch self {
    case .comma: return UInt8(ascii: ",")
    case .tab: return UInt8(ascii: "\t")
    }
  }
}
