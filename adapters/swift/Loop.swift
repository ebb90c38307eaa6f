// cblearn's Swift adapter: feature probing and the request loop.
import Foundation

/// The learner's file name, passed by cblearn at compile time through an environment variable at run time.
let learnerFileName = ProcessInfo.processInfo.environment["CBLEARN_SUBJECT_NAME"] ?? "Breaker.swift"

/// Finds which optional members the learner's breaker has, on a throwaway instance.
func probeFeatures() -> [String] {
  let probeClock = VirtualClock()
  let probe = adapter.makeBreaker(BreakerConfiguration(), probeClock)
  var found: [String] = []
  if (try? readIsOpen(probe)) != nil { found.append("is_open") }
  if (try? readMetrics(probe)) != nil { found.append("metrics") }
  do {
    _ = try callWithFallback(probe, { Payload(value: 1) }, fallback: { _ in Payload(value: 2) })
    found.append("fallback")
  } catch is Unsupported {
  } catch { found.append("fallback") }
  return found
}

/// Reads requests line by line and answers each.
func serve() -> Never {
  let lines = RequestLines()
  while let line = lines.next() {
    if serveBatchLine(line) { continue }
    guard let request = parseJSON(line) as? [String: Any], let id = request["id"] else {
      send(["id": JSONNull(), "ok": false, "error": ["kind": "bad_request", "message": "unreadable request"]])
      continue
    }
    var reply: [String: Any]
    do {
      reply = try handle(request)
      reply["ok"] = true
      if reply["now"] == nil { reply["now"] = adapter.clock.unixSeconds }
    } catch let failure as AdapterFailure {
      reply = ["ok": false, "error": ["kind": failure.kind, "message": failure.message]]
    } catch {
      reply = ["ok": false, "error": ["kind": "breaker_error", "message": describe(error)]]
    }
    reply["id"] = id
    send(reply)
  }
  exit(0)
}
