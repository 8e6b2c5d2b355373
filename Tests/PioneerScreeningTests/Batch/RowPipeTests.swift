import PioneerRecords
import Testing

@testable import PioneerScreening

/// The hand-over between the reading and the reporting thread.
@Suite struct RowPipeTests {
  @Test func backlogCountsBatchesNotYetTaken() throws {
    let pipe = RowPipe(capacity: 4)
    #expect(pipe.backlog == 0)
    #expect(pipe.put(.records(RawRecordBatch(capacity: 1))))
    #expect(pipe.put(.records(RawRecordBatch(capacity: 1))))
    #expect(pipe.backlog == 2)
    _ = try pipe.take()
    #expect(pipe.backlog == 1)
  }

  @Test func batchesGivenBackReachTheProducerOnceAndInOrder() {
    let pipe = RowPipe()
    let first = RawRecordBatch(capacity: 1)
    pipe.giveBack(.records(first))
    pipe.giveBack(.records(RawRecordBatch(capacity: 1)))
    let returned = pipe.takeReturned()
    #expect(returned.count == 2)
    if case .records(let batch) = returned.first, batch === first {
    } else {
      Issue.record("the first batch given back comes first")
    }
    #expect(pipe.takeReturned().isEmpty)
  }

  @Test func batchGivenBackAfterTheProducerFinishedIsNotKept() {
    // The producer no longer collects: keeping it would hold its memory until the pipe goes.
    let pipe = RowPipe()
    pipe.finish(nil)
    pipe.giveBack(.records(RawRecordBatch(capacity: 1)))
    #expect(pipe.takeReturned().isEmpty)
  }
}
