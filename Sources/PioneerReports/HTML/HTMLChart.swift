/// Inline SVG bar charts for the HTML report: nothing is loaded, and every bar carries its
/// count as text beside it, so a black-and-white print reads without colour.
///
/// Geometry is whole pixels computed with integers (no floating point at all), so the same
/// counts always give the same bytes. Labels are escaped like every other value.
enum HTMLChart {
  /// One coloured part of a bar.
  struct Segment {
    let count: Int
    /// A CSS class (`fill-…`) or, when it starts with `url(`, an SVG paint such as a pattern.
    let paint: String
  }

  /// One bar: a short label on the left, its segments, the count text on the right.
  struct Row {
    let label: String
    /// The full wording, shown as the row's tooltip (`<title>`).
    let title: String
    let segments: [Segment]
    let text: String
    /// `data-*` attribute of the row's group, for tests (`data-bar="hyakusen"`).
    let key: String
  }

  /// A legend entry drawn above the bars.
  struct LegendEntry {
    let label: String
    let paint: String
  }

  static let barArea = 300
  static let rowHeight = 26
  static let barHeight = 16
  static let pixelsPerColumn = 7

  /// A horizontal bar chart; bars are scaled so the longest fills `barArea`.
  static func bars(
    _ rows: [Row], id: String, title: String, legend: [LegendEntry] = [],
    patterns: String = ""
  ) -> String {
    let labelWidth =
      12 + pixelsPerColumn * (rows.map { TerminalWidth.width(of: $0.label) }.max() ?? 0)
    let textWidth =
      16 + pixelsPerColumn * (rows.map { TerminalWidth.width(of: $0.text) }.max() ?? 0)
    let longest = max(1, rows.map { $0.segments.reduce(0) { $0 + max(0, $1.count) } }.max() ?? 0)
    let legendHeight = legend.isEmpty ? 0 : rowHeight
    let width = labelWidth + barArea + textWidth
    let height = legendHeight + rowHeight * rows.count + 4
    let e = HTMLEscaping.text
    let a = HTMLEscaping.attribute
    var svg =
      "<svg class=\"chart\" id=\"\(a(id))\" role=\"img\" aria-labelledby=\"\(a(id))-title\""
      + " viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\">\n"
    svg += "<title id=\"\(a(id))-title\">\(e(title))</title>\n"
    if !patterns.isEmpty { svg += "<defs>\(patterns)</defs>\n" }
    var legendX = labelWidth
    for entry in legend {
      svg += "<g class=\"legend\">" + rect(x: legendX, y: 5, width: 14, height: 14, entry.paint)
      svg += "<text x=\"\(legendX + 20)\" y=\"17\">\(e(entry.label))</text></g>\n"
      legendX += 20 + pixelsPerColumn * TerminalWidth.width(of: entry.label) + 18
    }
    for (index, row) in rows.enumerated() {
      let top = legendHeight + index * rowHeight
      let barTop = top + (rowHeight - barHeight) / 2
      let baseline = top + rowHeight / 2 + 5
      svg += "<g class=\"bar\" data-bar=\"\(a(row.key))\"><title>\(e(row.title))</title>"
      svg +=
        "<text class=\"bar-label\" x=\"\(labelWidth - 8)\" y=\"\(baseline)\""
        + " text-anchor=\"end\">\(e(row.label))</text>"
      var x = labelWidth
      for segment in row.segments where segment.count > 0 {
        let length = scaled(segment.count, of: longest)
        svg += rect(x: x, y: barTop, width: length, height: barHeight, segment.paint)
        x += length
      }
      svg +=
        "<text class=\"bar-count\" x=\"\(x + 6)\" y=\"\(baseline)\">\(e(row.text))</text></g>\n"
    }
    svg +=
      "<line class=\"axis\" x1=\"\(labelWidth)\" y1=\"\(legendHeight)\" x2=\"\(labelWidth)\""
      + " y2=\"\(height - 2)\"/>\n"
    return svg + "</svg>"
  }

  /// `count` of `longest` as a length in `barArea`, rounded half up; never 0 for a positive
  /// count, so a single failure is still visible.
  static func scaled(_ count: Int, of longest: Int) -> Int {
    guard count > 0, longest > 0 else { return 0 }
    let (product, overflow) = count.multipliedReportingOverflow(by: barArea * 2)
    guard !overflow else { return barArea }
    return max(1, min(barArea, (product + longest) / (longest * 2)))
  }

  private static func rect(x: Int, y: Int, width: Int, height: Int, _ paint: String) -> String {
    let fill =
      paint.hasPrefix("url(")
      ? "fill=\"\(HTMLEscaping.attribute(paint))\"" : "class=\"\(HTMLEscaping.attribute(paint))\""
    return "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"\(height)\" \(fill)/>"
  }
}
