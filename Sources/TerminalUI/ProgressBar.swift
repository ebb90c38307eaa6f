/// A bar such as `[#####-----] 3/10`, sized to the width.
public struct ProgressBar: Sendable {
  /// The number of steps that make the whole.
  public var total: Int
  /// Output settings: width, colour, character set.
  public var info: TerminalInfo
  /// The most columns the bar itself (between the brackets) takes.
  public var maxBarWidth: Int

  public init(total: Int, info: TerminalInfo = .plain, maxBarWidth: Int = 30) {
    self.total = max(0, total)
    self.info = info
    self.maxBarWidth = maxBarWidth
  }

  /// The bar for `completed` of `total`, in at most `width` columns (the settings' width by default).
  public func lines(completed: Int, width: Int? = nil) -> StyledText {
    let done = min(max(0, completed), total)
    let counter = " \(done)/\(total)"
    let room = (width ?? info.width) - counter.count - 2
    let size = max(1, min(maxBarWidth, room))
    let filled = total == 0 ? size : size * done / total
    let g = Glyphs(info)
    var text = StyledText("[")
    text.append(String(repeating: g.filled, count: filled), [], color: info.color ? .green : nil)
    text.append(String(repeating: g.empty, count: size - filled), info.color ? [.dim] : [])
    text.append("]" + counter)
    return text
  }

  /// The bar as terminal text.
  public func render(completed: Int, width: Int? = nil) -> String {
    Style(info).render(lines(completed: completed, width: width))
  }
}
