import PioneerRules
import Testing

@testable import PioneerScreening

/// A verdict's codes keep every truth and reported value they code, and refuse what does not
/// fit rather than coding it wrongly.
@Suite struct VerdictCodesTests {
  @Test func everyTruthAndValueIsReadBackFromItsCode() throws {
    let truths: [Truth] = [.yes, .no, .unknown]
    let values: [Value] = [
      .missing, .oneOf([.boolean(false), .boolean(true)]), .boolean(false), .boolean(true),
      .member(0), .member(3), .member(252),
    ]
    var seed = 0
    for count in [0, 1, 4, 5, 8, 31, 32] {
      for _ in 0..<50 {
        let criteria = TruthList(
          (0..<count).map { index in truths[(seed &* 7 &+ index &* 5) % truths.count] })
        let reported = (0..<(seed % 9)).map { values[(seed &+ $0 &* 3) % values.count] }
        seed += 1
        let codes = try #require(
          VerdictCodes(outcome: .tier(1), criteria: criteria, reported: reported))
        #expect(codes.outcome == .tier(1))
        #expect(codes.criterionCount == count && codes.reportedCount == reported.count)
        #expect((0..<count).map(codes.criterionCode) == criteria.map(VerdictCodes.code(of:)))
        #expect(
          (0..<reported.count).map(codes.reportedCode) == reported.map { VerdictCodes.code(of: $0) }
        )
        // Past the last criterion and value, and out of range, the codes are zero.
        #expect(codes.criterionCode(count) == 0 && codes.criterionCode(-1) == 0)
        #expect(codes.reportedCode(reported.count) == 0 && codes.reportedCode(99) == 0)
        #expect(codes.criteria >> (2 * UInt64(count)) == 0 || count == 32)
      }
    }
  }

  @Test func theCodesAreTheOnesReportsNumberTheirCellsBy() {
    #expect([Truth.yes, .no, .unknown].map(VerdictCodes.code(of:)) == [0, 1, 2])
    #expect(VerdictCodes.code(of: .missing) == 0)
    #expect(VerdictCodes.code(of: .oneOf([.member(0), .member(1)])) == 0)
    #expect(VerdictCodes.code(of: .boolean(false)) == 1)
    #expect(VerdictCodes.code(of: .boolean(true)) == 2)
    #expect(VerdictCodes.code(of: .member(0)) == 3)
    #expect(VerdictCodes.code(of: .member(252)) == 255)
  }

  @Test func verdictsThatDoNotFitHaveNoCodes() {
    let yes = TruthList([Truth.yes])
    #expect(
      VerdictCodes(
        outcome: .notSelected, criteria: TruthList(repeatElement(.no, count: 33)), reported: [])
        == nil)
    #expect(
      VerdictCodes(
        outcome: .notSelected, criteria: yes, reported: Array(repeating: .missing, count: 9)) == nil
    )
    for value: Value in [.member(253), .member(-1), .number(ExactNumber(5)), .text("a")] {
      #expect(VerdictCodes.code(of: value) == nil)
      #expect(
        VerdictCodes(outcome: .notSelected, criteria: yes, reported: [.missing, value]) == nil)
    }
  }
}
