import Testing

@testable import PioneerRecords

@Suite struct IDIndexTests {
  private func firstLine(_ index: IDIndex, _ id: String, _ line: Int) -> Int? {
    var copy = id
    return copy.withUTF8 { index.firstLine(of: $0, orInsertAt: line) }
  }

  @Test func repeatsAreFoundAfterTheTableHasGrownManyTimes() {
    let index = IDIndex()
    for number in 0..<20_000 {
      #expect(firstLine(index, "R\(number)", number + 2) == nil)
    }
    for number in stride(from: 0, to: 20_000, by: 997) {
      #expect(firstLine(index, "R\(number)", 99_999) == number + 2)
    }
    #expect(firstLine(index, "R20000", 3) == nil)
    #expect(firstLine(index, "", 4) == nil)
    #expect(firstLine(index, "", 5) == 4)
  }

  @Test func idsDifferingOnlyLateAreDistinct() {
    let index = IDIndex()
    let prefix = String(repeating: "応募", count: 20)
    #expect(firstLine(index, prefix + "1", 2) == nil)
    #expect(firstLine(index, prefix + "2", 3) == nil)
    #expect(firstLine(index, prefix + "1", 4) == 2)
  }
}
