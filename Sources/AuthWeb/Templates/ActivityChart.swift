import AuthCore
import Foundation

/// The dashboard's activity chart: sign-ins, failed sign-ins and sign-ups per hour as an inline
/// SVG the server draws (docs/admin.md, "Overview").
///
/// - Important: the markup is inserted unescaped into the page, so it is built from numbers and
///   fixed text only, never from anything a user sent. It needs no script and no inline style
///   (colours are SVG presentation attributes), so it renders under the pages' strict CSP.
enum ActivityChart {
    /// The three series: name, colour, and the count of an hour.
    static let series: [(name: String, colour: String, count: @Sendable (ActivityHour) -> Int)] = [
        ("sign-ins", "#2563eb", { $0.signIns }),
        ("failed sign-ins", "#dc2626", { $0.failedSignIns }),
        ("sign-ups", "#16a34a", { $0.signUps }),
    ]

    static let width = 720.0
    static let height = 220.0
    static let left = 40.0
    static let bottom = 24.0
    static let top = 10.0

    /// The SVG for `hours` (oldest first).
    static func svg(_ hours: [ActivityHour]) -> String {
        let peak = max(1, hours.map { h in series.map { $0.count(h) }.max() ?? 0 }.max() ?? 0)
        let plotWidth = width - left - 8
        let plotHeight = height - top - bottom
        func x(_ index: Int) -> Double { left + plotWidth * Double(index) / Double(max(1, hours.count - 1)) }
        func y(_ value: Int) -> Double { top + plotHeight * (1 - Double(value) / Double(peak)) }
        func n(_ value: Double) -> String { String(format: "%.1f", value) }

        var svg = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(Int(width)) \##(Int(height))" role="img" aria-labelledby="activity-title" id="activity-chart" width="100%">"##
        svg += ##"<title id="activity-title">Sign-ins, failed sign-ins and sign-ups per hour, last \##(hours.count) hours; peak \##(peak) in an hour</title>"##
        // Axes, the peak and zero marks, and a line at each day's start.
        svg += ##"<line x1="\##(n(left))" y1="\##(n(top))" x2="\##(n(left))" y2="\##(n(top + plotHeight))" stroke="#9ca3af"/>"##
        svg += ##"<line x1="\##(n(left))" y1="\##(n(top + plotHeight))" x2="\##(n(width - 8))" y2="\##(n(top + plotHeight))" stroke="#9ca3af"/>"##
        svg += ##"<text x="\##(n(left - 4))" y="\##(n(top + 8))" text-anchor="end" font-size="10" fill="#6b7280">\##(peak)</text>"##
        svg += ##"<text x="\##(n(left - 4))" y="\##(n(top + plotHeight))" text-anchor="end" font-size="10" fill="#6b7280">0</text>"##
        let day = DateFormatter.activityDay
        for (index, hour) in hours.enumerated() where Int(hour.start.timeIntervalSince1970) % 86_400 == 0 {
            svg += ##"<line x1="\##(n(x(index)))" y1="\##(n(top))" x2="\##(n(x(index)))" y2="\##(n(top + plotHeight))" stroke="#e5e7eb"/>"##
            // A day that starts near the right edge is labelled leftwards, so its label stays inside.
            let nearEnd = x(index) > width - 90
            let anchor = nearEnd ? "end" : "start"
            let labelX = nearEnd ? width - 8 : x(index) + 2
            svg += ##"<text x="\##(n(labelX))" y="\##(n(height - 8))" text-anchor="\##(anchor)" font-size="10" fill="#6b7280">\##(day.string(from: hour.start))</text>"##
        }
        for line in series {
            let points = hours.enumerated().map { "\(n(x($0.offset))),\(n(y(line.count($0.element))))" }.joined(separator: " ")
            svg += ##"<polyline fill="none" stroke="\##(line.colour)" stroke-width="1.5" points="\##(points)"><title>\##(line.name)</title></polyline>"##
        }
        return svg + "</svg>"
    }

    /// The legend: each series' name, colour and total.
    static func legend(_ hours: [ActivityHour]) -> [[String: Any]] {
        series.map { line in ["name": line.name, "colour": line.colour, "total": hours.map(line.count).reduce(0, +)] }
    }

    /// The numbers beside the chart: one row a day (UTC), newest first.
    static func days(_ hours: [ActivityHour]) -> [[String: Any]] {
        let day = DateFormatter.activityDay
        var rows: [(String, Int, Int, Int)] = []
        for hour in hours {
            let label = day.string(from: hour.start)
            if rows.last?.0 != label { rows.append((label, 0, 0, 0)) }
            rows[rows.count - 1].1 += hour.signIns
            rows[rows.count - 1].2 += hour.failedSignIns
            rows[rows.count - 1].3 += hour.signUps
        }
        return rows.reversed().map { ["day": $0.0, "sign_ins": $0.1, "failed": $0.2, "sign_ups": $0.3] }
    }

    /// Every hour's numbers, newest first (the table under the day totals).
    static func hourRows(_ hours: [ActivityHour]) -> [[String: Any]] {
        hours.reversed().map {
            ["hour": Timestamp.format($0.start), "sign_ins": $0.signIns, "failed": $0.failedSignIns, "sign_ups": $0.signUps]
        }
    }
}

extension DateFormatter {
    /// `Mon 07 Dec`, in UTC, for the chart's day marks.
    static var activityDay: DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE dd MMM"
        return formatter
    }
}
