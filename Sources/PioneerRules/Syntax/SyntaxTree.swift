/// A stable identity for an expression node. Spans, types and traced values are kept in side
/// tables indexed by it, so the tree itself stays small and immutable.
public struct ExprID: Hashable, Sendable, Comparable {
  public let raw: Int
  public static func < (a: ExprID, b: ExprID) -> Bool { a.raw < b.raw }
}

/// An expression of the rule language.
public struct Expr: Hashable, Sendable {
  public let id: ExprID
  public let kind: ExprKind
}

/// What an expression is.
public indirect enum ExprKind: Hashable, Sendable {
  /// A number; `percent` records that it was written `25%` (its value is already 0.25).
  case number(ExactNumber, percent: Bool)
  case string(String)
  case date(CivilDate)
  case boolean(Bool)
  /// `1 year`, `6 months`, `30 days`.
  case duration(Int, DurationUnit)
  /// A name: an input, parameter, definition or built-in value.
  case name(String)
  /// `f(a, b)`: a table lookup or a built-in function.
  case call(String, [Expr])
  /// `[a, b]`, only as the right side of `in` or `within`.
  case list([Expr])
  case not(Expr)
  case negate(Expr)
  case binary(BinaryOperator, Expr, Expr)
  /// `x in [..]`, `x not in [..]`.
  case membership(Expr, Expr, negated: Bool)
  /// `code within [..]`: the code is, or falls under, one of the listed codes.
  case within(Expr, Expr)
  /// `x is missing`, `x is not none`, ….
  case test(Expr, TestKind, negated: Bool)
  /// `if c then a else b`.
  case conditional(Expr, Expr, Expr)
}

extension ExprKind {
  /// The operands, in source order.
  var children: [Expr] {
    switch self {
    case .number, .string, .date, .boolean, .duration, .name: return []
    case .call(_, let arguments): return arguments
    case .list(let items): return items
    case .not(let e), .negate(let e), .test(let e, _, _): return [e]
    case .binary(_, let l, let r), .membership(let l, let r, _), .within(let l, let r):
      return [l, r]
    case .conditional(let c, let a, let b): return [c, a, b]
    }
  }
}

public enum DurationUnit: String, Hashable, Sendable {
  case years, months, days
}

public enum TestKind: String, Hashable, Sendable {
  case missing, none
}

public enum BinaryOperator: String, Hashable, Sendable {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case and
  case or

  var isComparison: Bool {
    switch self {
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return true
    default: return false
    }
  }
}

/// A label as written: the Japanese string and an optional `en "…"`.
public struct LabelSyntax: Hashable, Sendable {
  public let ja: Token?
  public let en: Token?

  var label: Label { Label(ja: ja?.text ?? "", en: en?.text ?? "") }
}

/// A type as written: `count`, `OrgType`, `date or none("なし", …)`.
public struct TypeSyntax: Hashable, Sendable {
  public let name: Token
  /// Present for `date or none(...)`.
  public let noneWords: [Token]?
}

/// A top-level declaration of a rule file.
public enum Declaration: Hashable, Sendable {
  case ruleset(RulesetSyntax)
  case booleans(BooleansSyntax)
  case enumeration(EnumSyntax)
  case classification(ClassificationSyntax)
  case table(TableSyntax)
  case input(InputSyntax)
  case parameter(ParameterSyntax)
  case define(DefineSyntax)
  case tier(TierSyntax)
  case check(CheckSyntax)
  case outcomes(OutcomesSyntax)
  case award(AwardSyntax)
}

public struct RulesetSyntax: Hashable, Sendable {
  public let keyword: Token
  public let name: Token
  public let label: LabelSyntax
  public let settings: [(name: Token, value: Expr)]

  public static func == (a: Self, b: Self) -> Bool { a.name == b.name && a.keyword == b.keyword }
  public func hash(into h: inout Hasher) { h.combine(name) }
}

public struct BooleansSyntax: Hashable, Sendable {
  public let keyword: Token
  public let trueWords: [Token]
  public let falseWords: [Token]
}

public struct EnumSyntax: Hashable, Sendable {
  public struct Member: Hashable, Sendable {
    public let name: Token
    public let english: Token?
    public let aliases: [Token]
  }
  public let name: Token
  public let label: LabelSyntax
  public let members: [Member]
}

public struct ClassificationSyntax: Hashable, Sendable {
  public struct Group: Hashable, Sendable {
    public let letter: Token
    public let first: Token
    public let last: Token?
  }
  public let name: Token
  public let label: LabelSyntax
  public let groups: [Group]
}

public struct TableSyntax: Hashable, Sendable {
  /// A key: a code or a range of codes `"50".."55"`.
  public struct Key: Hashable, Sendable {
    public let first: Token
    public let last: Token?
  }
  public struct Entry: Hashable, Sendable {
    public let keys: [Key]
    public let value: Expr
  }
  public let name: Token
  public let keyType: TypeSyntax
  public let valueType: TypeSyntax
  public let label: LabelSyntax
  public let entries: [Entry]
  public let otherwise: Expr?
}

public struct InputSyntax: Hashable, Sendable {
  public let name: Token
  public let type: TypeSyntax
  public let label: LabelSyntax
  /// `column "…", "…"`: header cells other than the label and the name.
  public let columns: [Token]
  /// `as id`, `as name`.
  public let role: Token?
}

public struct ParameterSyntax: Hashable, Sendable {
  public let name: Token
  /// `parameter x: count …`: how its value is shown (`5人`).
  public let type: TypeSyntax?
  public let label: LabelSyntax
  public let value: Expr
}

public struct DefineSyntax: Hashable, Sendable {
  public let name: Token
  public let type: TypeSyntax?
  public let label: LabelSyntax
  public let value: Expr
}

public struct CriterionSyntax: Hashable, Sendable {
  public let id: Token
  public let label: LabelSyntax
  public let source: Token?
  public let condition: Expr
}

public struct TierSyntax: Hashable, Sendable {
  public let name: Token
  public let label: LabelSyntax
  public let short: Token?
  public let requires: Token?
  public let criteria: [CriterionSyntax]
}

public struct CheckSyntax: Hashable, Sendable {
  public let name: Token
  public let label: LabelSyntax
  public let condition: Expr
}

public struct OutcomesSyntax: Hashable, Sendable {
  public let keyword: Token
  public let outcomes: [(name: Token, label: LabelSyntax)]

  public static func == (a: Self, b: Self) -> Bool { a.keyword == b.keyword }
  public func hash(into h: inout Hasher) { h.combine(keyword) }
}

public struct AwardSyntax: Hashable, Sendable {
  public struct Axis: Hashable, Sendable {
    public let name: Token
    public let label: LabelSyntax
    public let weight: Token
    public let columns: [Token]
  }
  public let name: Token
  public let label: LabelSyntax
  public let among: Token
  public let reviewerLabel: LabelSyntax?
  public let reviewerColumns: [Token]
  public let axes: [Axis]
  /// `scores 1..5`.
  public let scoreRange: (Token, Token)?
  /// `winners 5`, `minimum_reviews 3`.
  public let settings: [(name: Token, value: Token)]

  public static func == (a: Self, b: Self) -> Bool { a.name == b.name }
  public func hash(into h: inout Hasher) { h.combine(name) }
}

/// A parsed rule file: its declarations and the span of every expression node.
public struct SyntaxTree: Sendable {
  public let source: SourceFile
  public let declarations: [Declaration]
  /// `spans[id.raw]` is where expression `id` stands.
  public let spans: [SourceSpan]

  public func span(of id: ExprID) -> SourceSpan {
    id.raw < spans.count ? spans[id.raw] : SourceSpan(start: 0, end: 0)
  }
}
