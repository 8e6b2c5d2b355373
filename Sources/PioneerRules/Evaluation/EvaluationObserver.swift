/// Watches an evaluation: told the value of every expression node as it is computed.
///
/// The evaluator knows nothing of explanations; `Trace` records what it is told, and the
/// `Explainer` reads the trace afterwards. Without an observer the evaluator does no extra work.
public protocol EvaluationObserver: AnyObject {
  func observe(_ id: ExprID, _ value: Value)
}

/// Records every node's value, for explanations.
public final class Trace: EvaluationObserver {
  /// The value of each node that was evaluated (a node skipped by short-circuit is absent).
  public private(set) var values: [ExprID: Value] = [:]

  public init() {}

  public func observe(_ id: ExprID, _ value: Value) {
    values[id] = value
  }
}
