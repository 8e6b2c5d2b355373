import Foundation
import PioneerRecords

/// Hands batches of rows from the reading thread to the reporting thread, in order, with a
/// bound on how many wait so memory stays flat however large the file; and batches the
/// reporting thread is done with back, to be freed or refilled by the reading thread.
final class RowPipe: @unchecked Sendable {
  private let condition = NSCondition()
  private var batches: [RowBatch] = []
  private var finished = false
  private var cancelled = false
  private var failure: (any Error)?
  private let capacity: Int
  /// Batches the consumer is done with, on their way back to be freed by the producer.
  private var returned: [RowBatch] = []

  init(capacity: Int = 4) {
    self.capacity = capacity
  }

  /// Adds a batch; false when the consumer has stopped and no more are wanted.
  func put(_ batch: RowBatch) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while batches.count >= capacity && !cancelled { condition.wait() }
    if cancelled { return false }
    batches.append(batch)
    condition.broadcast()
    return true
  }

  /// How many batches wait for the consumer: a producer that finds it behind can take on
  /// work the consumer would otherwise do.
  var backlog: Int {
    condition.lock()
    defer { condition.unlock() }
    return batches.count
  }

  /// The producer is done, with the error that stopped it, if any.
  func finish(_ error: (any Error)?) {
    condition.lock()
    finished = true
    failure = error
    condition.broadcast()
    condition.unlock()
  }

  /// The next batch in order; nil at the end; throws the producer's error.
  func take() throws -> RowBatch? {
    condition.lock()
    defer { condition.unlock() }
    while batches.isEmpty && !finished { condition.wait() }
    if !batches.isEmpty {
      let batch = batches.removeFirst()
      condition.broadcast()
      return batch
    }
    if let failure { throw failure }
    return nil
  }

  /// Hands a batch the consumer is done with back to the producer, to be freed there.
  ///
  /// Most of a screened batch's memory (each record's values, names) was allocated by the
  /// producer's thread; glibc's malloc frees another thread's memory under that thread's
  /// arena lock, which at a million rows costs more than the hand-back. A batch of records
  /// goes back to be refilled.
  func giveBack(_ batch: RowBatch) {
    condition.lock()
    defer { condition.unlock() }
    guard !finished && !cancelled else { return }  // nobody will collect it: free it here
    returned.append(batch)
  }

  /// The batches handed back since the last call (the producer frees them by dropping them).
  func takeReturned() -> [RowBatch] {
    condition.lock()
    defer { condition.unlock() }
    let batches = returned
    returned.removeAll()
    return batches
  }

  /// The consumer stops early (an explanation found its row, or an output failed).
  func cancel() {
    condition.lock()
    cancelled = true
    batches.removeAll()
    condition.broadcast()
    condition.unlock()
  }
}

/// Rows on their way to the report: typed and screened already by the reading thread, or
/// records still to be typed and screened by the reporting thread, so that the two share
/// that work.
enum RowBatch: Sendable {
  case screened(ScreenedBatch)
  case records(RawRecordBatch)
}
