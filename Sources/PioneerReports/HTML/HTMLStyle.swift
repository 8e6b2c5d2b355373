/// The page's one style sheet (screen and print), allowed by the Content-Security-Policy
/// through its SHA-256, so no other style can apply.
///
/// The outcome filters are CSS only: hidden radio inputs at the top of `<body>`, one per
/// filter, and rules `#filter-K:checked ~ .page .filterable:not([data-filter~="K"])` that
/// hide what the checked filter does not select. No script runs on the page.
enum HTMLStyle {
  /// The style sheet for filters with these keys (already slugs: `[A-Za-z0-9_-]` only).
  static func css(filterKeys: [String]) -> String {
    var css = base
    for key in filterKeys {
      let input = "#filter-\(key)"
      let label = "label[for=\"filter-\(key)\"]"
      css += "\(input):checked~.page .filters \(label){background:var(--ink);color:#fff;"
      css += "border-color:var(--ink)}\n"
      css += "\(input):focus-visible~.page .filters \(label){outline:3px solid var(--accent);"
      css += "outline-offset:2px}\n"
      if key != allKey {
        css += "\(input):checked~.page .filterable:not([data-filter~=\"\(key)\"]){display:none}\n"
      }
    }
    css += "@media print{\n"
    for key in filterKeys {
      css +=
        "#filter-\(key):checked~.page .filters label[for=\"filter-\(key)\"]"
        + "{display:inline-block;background:#fff;color:#000;border-color:#000}\n"
    }
    css += "}\n"
    return css
  }

  /// The key of the filter that shows everything.
  static let allKey = "all"

  /// `text` reduced to `[A-Za-z0-9_-]` (others become `_`), for ids, classes and selectors
  /// built from rule-set names.
  static func slug(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "a"..."z", "A"..."Z", "0"..."9", "_", "-": out.unicodeScalars.append(scalar)
      default: out += "_"
      }
    }
    return out.isEmpty ? "_" : out
  }

  private static let base = """
    :root{--ink:#1d2329;--muted:#56606b;--line:#d5dae0;--wash:#f3f5f7;--paper:#fff;\
    --accent:#0b57a4;--tone:#56606b;--tone-bg:#eef0f2}
    *{box-sizing:border-box}
    html{font-family:"Noto Sans CJK JP","Noto Sans JP","Hiragino Kaku Gothic ProN","Hiragino Sans",\
    "Yu Gothic UI","Yu Gothic","Meiryo",system-ui,sans-serif;font-size:15px;line-height:1.6;\
    color:var(--ink);background:var(--wash)}
    body{margin:0}
    .page{max-width:1180px;margin:0 auto;padding:24px 32px 48px;background:var(--paper)}
    h1{font-size:1.6rem;line-height:1.3;margin:0 0 .25rem}
    h2{font-size:1.25rem;margin:2.2rem 0 .8rem;padding-bottom:.2rem;border-bottom:2px solid var(--ink)}
    h3{font-size:1.05rem;margin:0}
    h4{font-size:.95rem;margin:0}
    p{margin:.3rem 0}
    a{color:var(--accent)}
    .subtitle{color:var(--muted);margin:0 0 .8rem}
    nav.toc{font-size:.9rem}
    nav.toc ol{display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;list-style:none;margin:.4rem 0;padding:0}
    table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.3rem 0 1rem}
    caption{text-align:left;font-weight:600;padding:.2rem 0}
    th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
    thead th{background:var(--wash);font-weight:600;white-space:nowrap}
    .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    .nowrap{white-space:nowrap}
    td.name{min-width:11em}
    .mono{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.8rem;word-break:break-all}
    .grid{display:flex;flex-wrap:wrap;gap:16px 32px}
    .grid>*{flex:1 1 340px;min-width:0}
    figure{margin:0 0 1rem}
    figcaption{font-weight:600;margin-bottom:.3rem}
    .chart{display:block;max-width:100%;height:auto}
    .chart text{font-size:12px;fill:var(--ink)}
    .chart .bar-count{font-weight:700}
    .chart .axis{stroke:var(--ink);stroke-width:1}
    .chart rect{stroke:var(--ink);stroke-width:.5}
    .chart-note{color:var(--muted);font-size:.8rem}
    .fill-award{fill:#b07d00}.fill-tier0{fill:#2e7d32}.fill-tier1{fill:#00838f}\
    .fill-tier2{fill:#3949ab}.fill-not_selected{fill:#78828c}.fill-indeterminate{fill:#ef9f1c}\
    .fill-invalid{fill:#c62828}.fill-failed{fill:#c62828}
    .tone-award{--tone:#7a5600;--tone-bg:#fff3c4}
    .tone-tier0{--tone:#1b5e20;--tone-bg:#e4f3e5}
    .tone-tier1{--tone:#006064;--tone-bg:#dff3f5}
    .tone-tier2{--tone:#283593;--tone-bg:#e6e9f7}
    .tone-not_selected{--tone:#3d454d;--tone-bg:#eceff1}
    .tone-indeterminate{--tone:#8a4b00;--tone-bg:#fff0d4}
    .tone-invalid{--tone:#a3131a;--tone-bg:#fde8e9}
    .badge{display:inline-block;padding:0 .6em;border:1px solid var(--tone);border-radius:.9em;\
    color:var(--tone);background:var(--tone-bg);font-size:.85rem;font-weight:700;white-space:nowrap}
    .count-big{font-size:1.1rem;font-weight:700}
    tr.tie td{background:#fff3c4}
    .tie-flag{display:inline-block;margin-left:.4em;padding:0 .5em;border:2px solid #7a5600;\
    color:#7a5600;font-weight:700;font-size:.8rem;white-space:nowrap}
    .tie-flag::before{content:"\\25C6 "}
    .mark{display:inline-block;width:1.3em;text-align:center;font-weight:700}
    .mark-yes{color:#1b5e20}.mark-no{color:#a3131a}.mark-unknown{color:#8a4b00}
    .mark-cell{width:1.8em;padding-left:.1rem;padding-right:.1rem;text-align:center}
    .filter-input{position:absolute;opacity:0;width:1px;height:1px;margin:0;pointer-events:none}
    .filters{position:sticky;top:0;z-index:1;display:flex;flex-wrap:wrap;align-items:center;\
    gap:.4rem;padding:.5rem 0;margin:.5rem 0 1rem;background:var(--paper);\
    border-bottom:1px solid var(--line)}
    .filters label{cursor:pointer;padding:.1rem .8rem;border:1px solid var(--line);\
    border-radius:1em;background:#fff;font-size:.9rem;white-space:nowrap}
    .filters label:hover{border-color:var(--ink)}
    .card{margin:0 0 16px;padding:12px 18px;border:1px solid var(--line);\
    border-left:6px solid var(--tone);border-radius:6px;background:#fff}
    .card>header{display:flex;flex-wrap:wrap;align-items:baseline;gap:.3rem 1rem;\
    padding-bottom:.4rem;border-bottom:1px solid var(--line)}
    .card .meta{color:var(--muted);font-size:.85rem}
    .card .ranking{font-size:.9rem;font-weight:600}
    dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0;\
    font-size:.88rem}
    dl.facts dt{font-weight:600}
    dl.facts dd{margin:0}
    dl.facts .why{display:block;color:var(--muted);font-size:.8rem}
    .criterion{padding:.45rem 0;border-top:1px dashed var(--line)}
    .criterion>p,.criterion>ul{margin:.15rem 0 .15rem 1.7em;font-size:.86rem}
    .criterion .result{font-weight:400;color:var(--muted)}
    .criterion.result-no,.criterion.result-unknown{background:linear-gradient(90deg,var(--wash),#fff)}
    .criterion .derived{padding-left:1.1em;color:var(--muted)}
    .criterion .fix{font-weight:700}
    .criterion .missing{font-weight:700;color:#8a4b00}
    .criterion .citation{color:var(--muted);font-size:.78rem}
    .problems{margin:.4rem 0;padding-left:1.4em;font-weight:600;color:#a3131a}
    dl.audit{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;font-size:.85rem}
    dl.audit dt{font-weight:600}
    dl.audit dd{margin:0;word-break:break-all}
    .print-only{display:none}
    @page{size:A4;margin:12mm}
    @media print{
    html{background:#fff;font-size:9.5pt;line-height:1.45}
    .page{max-width:none;padding:0}
    nav.toc,.screen-only{display:none}
    .print-only{display:block}
    a{color:inherit;text-decoration:none}
    h2{break-after:avoid;margin-top:1.2rem}
    figure,tr,.criterion,dl.facts,.card>header{break-inside:avoid}
    .card>header{break-after:avoid}
    #minister-list{break-inside:avoid}
    .grid{gap:8px 24px}
    #cards{break-before:page}
    .filters{position:static;margin:0 0 .5rem;padding:0;border:0}
    .filters label{display:none}
    .filter-input{display:none}
    .card{border-left-width:3px}
    .badge{background:#fff;color:#000;border-color:#000}
    tr.tie td{background:#fff;font-weight:700}
    .tie-flag{color:#000;border-color:#000}
    .criterion.result-no,.criterion.result-unknown{background:none}
    }

    """
}
