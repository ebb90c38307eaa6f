/// Shrinks a diverging sequence by delta debugging: chunks, then single operations, then shorter advances.
struct Shrinker {
  /// Replays a candidate sequence; true when it still diverges.
  let diverges: ([ExploreOp]) -> Bool
  /// At most this many replays.
  var budget = 2_000

  func shrink(_ start: [ExploreOp]) -> [ExploreOp] {
    var ops = start
    var spent = 0
    func attempt(_ candidate: [ExploreOp]) -> Bool {
      guard spent < budget else { return false }
      spent += 1
      return diverges(candidate)
    }
    // Remove chunks, halving their size (ddmin's complements).
    var parts = 2
    while ops.count >= 2, spent < budget {
      let size = (ops.count + parts - 1) / parts
      var reduced = false
      var start = 0
      while start < ops.count {
        var candidate = ops
        candidate.removeSubrange(start..<min(ops.count, start + size))
        if attempt(candidate) {
          ops = candidate
          reduced = true
        } else {
          start += size
        }
      }
      if reduced {
        parts = max(parts - 1, 2)
      } else if size == 1 {
        break
      } else {
        parts = min(ops.count, parts * 2)
      }
    }
    // Shorten advances and durations, merge neighbouring advances.
    var changed = true
    while changed, spent < budget {
      changed = false
      for i in ops.indices.reversed() where i < ops.count {
        if i + 1 < ops.count, case .advance(let a) = ops[i], case .advance(let b) = ops[i + 1] {
          var candidate = ops
          candidate.replaceSubrange(i...(i + 1), with: [.advance(a + b)])
          if attempt(candidate) { ops = candidate; changed = true; continue }
        }
        for simpler in Shrinker.simpler(ops[i]) {
          var candidate = ops
          candidate[i] = simpler
          if attempt(candidate) { ops = candidate; changed = true; break }
        }
      }
    }
    return ops
  }

  /// Simpler forms of an operation, simplest first.
  static func simpler(_ op: ExploreOp) -> [ExploreOp] {
    switch op {
    case .advance(let s) where s > 0.125:
      let options = [s.rounded(.down), (s / 2 * 8).rounded() / 8, s - 1, s - 0.125]
      return options.filter { $0 > 0 && $0 < s }.map { .advance($0) }
    case .call(let o, let d, let f) where d > 0 || f:
      return [.call(o, duration: 0, fallback: false), .call(o, duration: d, fallback: false)]
    case .begin(let id, let o, true):
      return [.begin(id, o, fallback: false)]
    default:
      return []
    }
  }
}
