/// A loaded, checked rule set: the award's policy, ready to evaluate applicants.
///
/// Build one with `RuleSet.load(source:)`; it refuses a file with any error, so an instance
/// always holds a consistent set of rules. A class, so that the many parts of a loaded rule
/// set are shared, never copied, by everything that evaluates with it.
public final class RuleSet: Sendable {
  /// The file it was read from.
  public let source: SourceFile
  /// Its identifier (`r3`).
  public let name: String
  public let label: Label
  public let fiscalYear: Int?
  /// The reference date when a row has no date of its own and no `--as-of` is given.
  public let defaultReferenceDate: CivilDate
  /// What a record holds.
  public let schema: Schema
  public let enumerations: [EnumDeclaration]
  public let tables: [LookupTable]
  public let parameters: [Parameter]
  public let definitions: [Definition]
  /// Tiers from the lowest (pioneer) to the highest (hyakusen).
  public let tiers: [Tier]
  /// All criteria in file order; `Tier.criteria` index into this.
  public let criteria: [Criterion]
  public let checks: [ConsistencyCheck]
  /// Labels of the outcomes that are not tiers: not_selected, indeterminate, invalid.
  public let outcomeLabels: [String: Label]
  /// Definitions every report shows beside the outcome (small_business, size_class).
  public let reported: [Int]
  public let award: AwardSettings?
  /// The executable form of every expression.
  let plan: Plan
  /// The checker's side tables.
  public let types: [ExprID: RuleType]
  let tree: SyntaxTree

  init(
    source: SourceFile, name: String, label: Label, fiscalYear: Int?,
    defaultReferenceDate: CivilDate, schema: Schema, enumerations: [EnumDeclaration],
    tables: [LookupTable], parameters: [Parameter], definitions: [Definition], tiers: [Tier],
    criteria: [Criterion], checks: [ConsistencyCheck], outcomeLabels: [String: Label],
    reported: [Int], award: AwardSettings?, plan: Plan, types: [ExprID: RuleType],
    tree: SyntaxTree
  ) {
    self.source = source
    self.name = name
    self.label = label
    self.fiscalYear = fiscalYear
    self.defaultReferenceDate = defaultReferenceDate
    self.schema = schema
    self.enumerations = enumerations
    self.tables = tables
    self.parameters = parameters
    self.definitions = definitions
    self.tiers = tiers
    self.criteria = criteria
    self.checks = checks
    self.outcomeLabels = outcomeLabels
    self.reported = reported
    self.award = award
    self.plan = plan
    self.types = types
    self.tree = tree
  }

  /// The span of an expression in `source`.
  public func span(of id: ExprID) -> SourceSpan { tree.span(of: id) }

  /// The definition with this name.
  public func definition(named name: String) -> Definition? {
    definitions.first { $0.name == name }
  }

  /// The criterion with this id.
  public func criterion(id: String) -> Criterion? {
    criteria.first { $0.id == id }
  }

  /// Whether any expression of the rule set reads input `slot`. The records of an input none
  /// reads are never evaluated, only reported: the intake can keep such a text as bytes
  /// (`RecordBatch.TextColumn`).
  public func readsInput(slot: Int) -> Bool {
    (plan.layout.inputPositionOfSlot[safe: slot] ?? -1) >= 0
  }
}

/// A named constant (`coverage_ratio = 25%`).
public struct Parameter: Sendable {
  public let name: String
  public let label: Label
  public let value: Value
  public let type: RuleType
  public let expression: Expr
}

/// A named derived value (`small_business`).
public struct Definition: Sendable {
  public let name: String
  public let label: Label
  public let type: RuleType
  public let expression: Expr
  /// Its slot in an evaluation's definition values.
  public let slot: Int
}

/// A tier of the award (テレワーク先駆者, …百選).
public struct Tier: Sendable {
  public let name: String
  public let label: Label
  /// The short form shown in lists (`百選`).
  public let shortLabel: String
  /// Indices into `RuleSet.criteria` of its own criteria (not those of the tier it requires).
  public let criteria: [Int]
  /// The tier it requires, as an index into `RuleSet.tiers`.
  public let requires: Int?
}

/// A criterion (P1–H4).
public struct Criterion: Sendable {
  public let id: String
  public let label: Label
  public let citation: String
  public let condition: Expr
  /// Index of its tier in `RuleSet.tiers`.
  public let tier: Int
}

/// A rule a record's values must obey to be evaluated at all.
public struct ConsistencyCheck: Sendable {
  public let name: String
  public let label: Label
  public let condition: Expr
}

/// The minister's-award settings (criteria.md §8).
public struct AwardSettings: Sendable {
  public let name: String
  public let label: Label
  /// The tier whose members may be ranked.
  public let tier: Int
  public let reviewerLabel: Label
  public let reviewerColumns: [String]
  public let axes: [Axis]
  public let lowestScore: Int
  public let highestScore: Int
  public let winners: Int
  public let minimumReviews: Int

  public struct Axis: Sendable {
    public let name: String
    public let label: Label
    public let weight: ExactNumber
    public let columns: [String]
  }
}
