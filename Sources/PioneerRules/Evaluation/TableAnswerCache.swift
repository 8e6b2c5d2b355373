/// The plain form of the tables' kept answers a `BatchEvaluator` has met, by table and key.
///
/// A look-up of a member or of a code its classification made (the sector of every row's
/// JSIC code, the SME limits of the sector) reads one entry here, where it would otherwise copy
/// the table's kept `Value` out, convert it and destroy the copy, for every row. Entries are
/// filled from the answers `LookupTable` gives, so the look-up is still defined there alone;
/// an answer that needs a box (a `oneOf`) is not kept, and is looked up each time.
///
/// Owned by one evaluator, which deallocates it.
struct TableAnswerCache {
  /// An answer kept for one key.
  private struct Entry {
    /// 0 for none; `memberKey` for a member's; else the ASCII letter of the major group of the
    /// code whose slot holds it (the slot's index alone does not name the code).
    var key: UInt8
    var value: PlainValue
  }

  /// Entries per table: members 0…63, then one per code slot.
  private static let memberCount = 64
  private static let perTable = memberCount + IndustryCode.Slot.count
  private static let memberKey: UInt8 = 1

  private let tableCount: Int
  private let entries: UnsafeMutablePointer<Entry>

  /// An empty cache for `tableCount` tables (none for 0).
  init(tableCount: Int) {
    self.tableCount = max(0, tableCount)
    let count = max(1, self.tableCount * TableAnswerCache.perTable)
    entries = .allocate(capacity: count)
    entries.initialize(repeating: Entry(key: 0, value: .missing), count: count)
  }

  func deallocate() {
    entries.deallocate()
  }

  /// The answer kept for `key` in `table`, if any.
  @inline(__always)
  func answer(_ table: Int, _ key: PlainValue) -> PlainValue? {
    guard let index = TableAnswerCache.index(table, key, tableCount) else { return nil }
    let entry = entries[index.entry]
    return entry.key == index.key ? entry.value : nil
  }

  /// Keeps `answer`, `table`'s answer for `key`, unless it is boxed (a box lasts one chunk).
  func keep(_ answer: PlainValue, _ table: Int, for key: PlainValue) {
    guard !answer.isBoxed, let index = TableAnswerCache.index(table, key, tableCount) else {
      return
    }
    entries[index.entry] = Entry(key: index.key, value: answer)
  }

  /// Where `key`'s answer in `table` is kept and the key it is kept under; nil for a key no
  /// entry is for.
  @inline(__always)
  private static func index(_ table: Int, _ key: PlainValue, _ tableCount: Int)
    -> (entry: Int, key: UInt8)?
  {
    guard UInt(bitPattern: table) < UInt(bitPattern: tableCount) else { return nil }
    let start = table * perTable
    switch key {
    case .member(let member):
      guard UInt(bitPattern: member) < UInt(memberCount) else { return nil }
      return (start + member, memberKey)
    case .code(let slot, _, _):
      let index = Int(slot.index)
      guard index < IndustryCode.Slot.count, slot.majorGroup > memberKey else { return nil }
      return (start + memberCount + index, slot.majorGroup)
    default:
      return nil
    }
  }
}
