@testable import Conformance

/// A subject answering like the bundled adapters do: sparse replies, call ids taken across `create`.
///
/// A `running` begin carries no `invoked`, an `advance` no state, and a call id stays taken until its
/// `finish`, even across `create` (so a replay that leaves a call in flight breaks the next one).
final class AdapterLikeSubject: Subject {
  private let inner: any Subject
  private var taken: Set<String> = []

  init(wrapping inner: any Subject) { self.inner = inner }

  var info: SubjectInfo { inner.info }

  func terminate() {}

  func perform(_ request: Request) throws(SubjectFault) -> Reply {
    switch request {
    case .begin(_, let id, _, _) where taken.contains(id):
      throw .adapterError(kind: "bad_request", message: "call '\(id)' is already in flight")
    default:
      break
    }
    var reply = try inner.perform(request)
    switch request {
    case .begin(_, let id, _, _) where reply.status == .running:
      taken.insert(id)
      reply.invoked = nil
    case .finish(let id):
      taken.remove(id)
    case .advance:
      reply.state = nil
    default:
      break
    }
    return reply
  }
}

/// Makes adapter-like subjects around the reference model, or around a mutant.
struct AdapterLikeFactory: SubjectFactory {
  let profile: Profile
  var bug: Bug? = nil
  var mutant = false

  func launch() throws(SubjectFault) -> any Subject {
    AdapterLikeSubject(
      wrapping: mutant ? MutantSubject(profile: profile, bug: bug) : ReferenceSubject(profile: profile))
  }
}
