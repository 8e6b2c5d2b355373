extension Array {
  /// The element at `index`, or nil when it is out of range: for indices that come from
  /// input or from another table, where a trap would be a crash on hostile data.
  public subscript(safe index: Int) -> Element? {
    index >= 0 && index < count ? self[index] : nil
  }
}
