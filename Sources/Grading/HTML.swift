import Conformance

/// Escaping, the shared style sheet and the cell vocabulary (Autobahn's) of the HTML report.
public enum HTML {
  /// Escapes text for element content and quoted attribute values.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\n", "\t", "\r": out.unicodeScalars.append(scalar)
      // NUL and the other control characters are not allowed in HTML: shown as text, as in the feedback.
      case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
        out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// The anchor of a check on a student's page.
  public static func anchor(step: Int, check: String) -> String {
    "step-\(step)-" + String(check.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
  }

  /// Autobahn's outcome word for a check of a grade, and its CSS class.
  public static func cell(_ check: CheckResult, in grade: StepGrade) -> (label: String, css: String) {
    switch grade.status {
    case .missing: return ("Missing", "missing")
    case .error where check.status != .pass: return ("Error", "error")
    default: break
    }
    switch (check.status, check.level) {
    case (.pass, _): return ("Pass", "pass")
    case (.fail, .must): return ("Fail", "fail")
    case (.fail, .should): return ("Non-Strict", "nonstrict")
    case (.fail, .info): return ("Info", "info")
    case (.error, _): return ("Error", "error")
    case (.skip, _): return ("Unimplemented", "skip")
    }
  }

  /// Autobahn's `behavior` value for `index.json`.
  public static func behavior(_ check: CheckResult, in grade: StepGrade) -> String {
    switch cell(check, in: grade).css {
    case "pass": "OK"
    case "nonstrict": "NON-STRICT"
    case "info": "INFORMATIONAL"
    case "skip": "UNIMPLEMENTED"
    case "missing": "MISSING"
    case "error": "ERROR"
    default: "FAILED"
    }
  }

  /// A page with the report's style sheet.
  static func page(title: String, body: String, style extra: String = "", script: String? = nil) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <title>\(escape(title))</title>
    <style>
    body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
    table { border-collapse: collapse; }
    th, td { border: 1px solid #bbb; padding: 2px 6px; font-size: 13px; }
    th.check { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-weight: normal; }
    .pass { background: #0a0; color: #fff; } .fail { background: #d00; color: #fff; }
    .error { background: #800080; color: #fff; } .nonstrict { background: #9c0; }
    .info { background: #ccc; } .skip { background: #ffc; } .missing { background: #eee; color: #888; }
    span.pass, span.fail, span.error, span.nonstrict, span.info, span.skip, span.missing { padding: 0 6px; }
    td a { color: inherit; text-decoration: none; display: block; }
    pre { background: #f6f6f6; padding: 0.6em; overflow-x: auto; }
    .meta { color: #666; }
    .warning { background: #fee; border: 1px solid #d00; padding: 0.5em; font-weight: bold; }
    \(extra)
    </style>
    </head>
    <body>
    \(body)\(script.map { "<script>\n\($0)\n</script>\n" } ?? "")
    </body>
    </html>

    """
  }
}
