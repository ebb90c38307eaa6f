// cblearn's Swift adapter: the names the glue (main.swift, async/main.swift) uses for the runtime's types.
//
// The glue is compiled in the learner's module, where a type the learner declares shadows the runtime's of
// the same name: a learner's own `enum BreakerState`, `struct Payload` or `VirtualClock` (which the course
// allows: `state` may be of any type) would make the glue's conformances fail to compile. These `CB` names
// are the runtime's alone.
typealias CBState = BreakerState
typealias CBPayload = Payload
typealias CBVirtualClock = VirtualClock
typealias CBPausingLock = PausingLock
typealias CBLearnerBreaker = LearnerBreaker
typealias CBSubjectBreaker = SubjectBreaker
typealias CBAsyncLearnerBreaker = AsyncLearnerBreaker
typealias CBAsyncSubjectBreaker = AsyncSubjectBreaker
#if canImport(Glibc) && !CBLEARN_THREAD_BATCH
  typealias CBRecursiveLock = CoroutineRecursiveLock
#endif
