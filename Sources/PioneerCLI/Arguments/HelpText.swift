/// `pioneer --help` and `pioneer help COMMAND`.
public enum HelpText {
  static let commands = ["screen", "explain", "check", "select", "verify"]

  public static let version = "pioneer 1.0.0"

  public static func text(for command: String?) -> String {
    switch command {
    case "screen": return screen
    case "explain": return explain
    case "check": return check
    case "select": return select
    case "verify": return verify
    default: return overview
    }
  }

  static let overview = """
    pioneer — screens applications for テレワーク先駆者百選 (Telework Pioneers 100)

    USAGE: pioneer COMMAND [OPTIONS]

    COMMANDS:
      screen FILE             evaluate every applicant: outcome and failed/unknown criteria
      explain FILE --id ID    why one applicant got its outcome, criterion by criterion
      check [RULES]           check a rule set and list its criteria
      select FILE --reviews R the year's selection list with the 総務大臣賞 ranking
      verify REPORT INPUT     confirm a JSON report is what INPUT and the rules give
      help [COMMAND]          this text, or a command's options and examples

    OPTIONS: --version, --help

    EXAMPLES:
      pioneer screen Samples/applicants.csv
      pioneer explain Samples/applicants.csv --id A-003 --lang en
      pioneer select Samples/applicants.csv --reviews Samples/reviews.csv --format html -o report.html

    Exit status: 0 the file was evaluated (invalid rows included); 1 an input or rule set
    was rejected as a whole; 2 a usage error.

    """

  static let commonOptions = """
      --rules FILE        rule set to apply (default: the newest one built in: Rules/r3.rules)
      --as-of YYYY-MM-DD  reference date for rows with no 応募日 (default: the rule set's)
      --lang ja|en        language of the report (default: ja)
      --encoding ENC      utf-8, utf-16le, utf-16be or cp932 (default: detected)
      --delimiter comma|tab  field separator (default: tab for .tsv, comma otherwise)
    """

  static let screen = """
    pioneer screen FILE — evaluate every applicant in FILE (- reads standard input)

    One line per applicant: id, name, outcome (百選 / 先駆者 / 不選定 / 判定不能 / 無効;
    hyakusen / pioneer / not_selected / indeterminate / invalid with --lang en) and the
    criteria that failed or are unknown, with a short reason. Invalid rows are listed with
    their line and every reason; nothing is dropped.

    OPTIONS:
      --format table|csv|json|md|html|outcomes  (default: table on a terminal, csv otherwise)
      --output PATH, -o PATH   write the report there (atomically; never over an input)
    \(commonOptions)

    EXAMPLES:
      pioneer screen Samples/applicants.csv
      pioneer screen Samples/applicants-cp932.csv --format csv -o screened.csv
      pioneer screen applicants.csv --as-of 2021-10-12 --format json --lang en

    """

  static let explain = """
    pioneer explain FILE --id ID — the full explanation of one applicant

    Every criterion with its result, the values it read, the thresholds it compared them
    with, the derived facts (小規模企業者, 業種区分, …) and why they hold, the missing inputs
    that block an unknown result, and for a failed criterion the smallest change of one
    input that would make it pass.

    OPTIONS:
      --id ID             the 応募ID to explain (required)
      --output PATH, -o PATH
    \(commonOptions)

    EXAMPLES:
      pioneer explain Samples/applicants.csv --id A-003
      pioneer explain Samples/applicants.csv --id A-014 --lang en

    """

  static let check = """
    pioneer check [RULES] — load and statically check a rule set, then list its criteria

    Without RULES, checks the built-in rule set. Errors read FILE:LINE:COL: message, with
    the line and a caret under the problem.

    OPTIONS:
      --lang ja|en

    EXAMPLES:
      pioneer check
      pioneer check Rules/r3.rules --lang en

    """

  static let select = """
    pioneer select FILE --reviews REVIEWS — the selection list

    Screens FILE, reads the reviewers' scores in REVIEWS, and lists 総務大臣賞 (ranked, with
    score), 百選, 先駆者, then 判定不能 and 無効 to follow up, then 百選 with too few
    reviews. Invalid or ignored review rows are reported with their line and reason.

    OPTIONS:
      --reviews FILE      the reviewers' scores (required)
      --minister N        how many awards (default: the rule set's)
      --format table|csv|json|md|html
      --output PATH, -o PATH
    \(commonOptions)

    EXAMPLES:
      pioneer select Samples/applicants.csv --reviews Samples/reviews.csv
      pioneer select Samples/applicants.csv --reviews Samples/reviews.csv --format html -o selection.html

    """

  static let verify = """
    pioneer verify REPORT.json INPUT — confirm a report

    Re-runs the evaluation of INPUT with the rule set named in the report's audit block and
    confirms that every applicant's outcome and criteria, the input's SHA-256 and the rule
    set's SHA-256 are what the report says. Exit 0 when they match, 1 otherwise.

    OPTIONS:
    \(commonOptions)

    EXAMPLE:
      pioneer screen Samples/applicants.csv --format json -o report.json
      pioneer verify report.json Samples/applicants.csv

    """
}
