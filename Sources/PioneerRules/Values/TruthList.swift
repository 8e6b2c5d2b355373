/// A list of truths, such as a verdict's one per criterion, packed two bits each into one
/// word when it has at most 32 (any rule set of the award's size), so that a verdict costs no
/// array allocation per record; a longer list keeps its truths in an array.
public struct TruthList: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral,
  CustomStringConvertible
{
  /// The most truths kept packed.
  static let packedCapacity = 32

  /// Truth `i` in bits `2i…2i+1` (0 no, 1 yes, 2 unknown); 0 when `spilled` holds them.
  @usableFromInline var packed: UInt64 = 0
  /// The truths of a list longer than `packedCapacity`.
  @usableFromInline var spilled: [Truth]? = nil
  public private(set) var count = 0

  public init() {}

  public init<S: Sequence>(_ truths: S) where S.Element == Truth {
    for truth in truths { append(truth) }
  }

  public init(arrayLiteral truths: Truth...) {
    self.init(truths)
  }

  // Inlinable: reports read every truth of every row from another module.
  @inlinable public var startIndex: Int { 0 }
  @inlinable public var endIndex: Int { count }

  /// Truth `position`; `unknown` for a position out of range.
  @inlinable public subscript(position: Int) -> Truth {
    guard position >= 0 && position < count else { return .unknown }
    if let spilled { return spilled[position] }
    switch (packed >> UInt64(2 * position)) & 0b11 {
    case 0: return .no
    case 1: return .yes
    default: return .unknown
    }
  }

  /// Truth `index`, or nil when it is out of range.
  public subscript(safe index: Int) -> Truth? {
    index >= 0 && index < count ? self[index] : nil
  }

  public mutating func append(_ truth: Truth) {
    if spilled == nil && count < TruthList.packedCapacity {
      packed |= TruthList.code(truth) << UInt64(2 * count)
    } else {
      if spilled == nil {
        spilled = Array(self)
        packed = 0
      }
      spilled?.append(truth)
    }
    count += 1
  }

  /// The list of `count` truths whose two-bit codes are `codes` (as `packedCodes` gives);
  /// `count` is cut to `packedCapacity`, and bits beyond it are ignored.
  @inline(__always)
  init(packedCodes codes: UInt64, count: Int) {
    self.count = Swift.max(0, Swift.min(count, TruthList.packedCapacity))
    packed = self.count == 0 ? 0 : codes & (UInt64.max >> UInt64(64 - 2 * self.count))
  }

  /// The two-bit code of `truth` in a packed list.
  @inline(__always)
  static func code(_ truth: Truth) -> UInt64 {
    switch truth {
    case .no: return 0
    case .yes: return 1
    case .unknown: return 2
    }
  }

  /// The truths' two-bit codes (truth `i` in bits `2i…2i+1`: 0 no, 1 yes, 2 unknown; zero
  /// bits past the last truth); nil for a list too long to pack. Inlinable: reports read it
  /// for every row.
  @inlinable public var packedCodes: UInt64? { spilled == nil ? packed : nil }

  public var description: String { Array(self).description }
}
