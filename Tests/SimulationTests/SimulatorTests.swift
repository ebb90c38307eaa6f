import Conformance
import Foundation
import SimulationResults
import Testing

@testable import Simulation

@Suite struct SimulatorTests {
  @Test func sameSeedSameFigures() throws {
    let scenario = try Fixtures.mini
    let first = try Simulator(scenario: scenario, breaker: .reference, duration: 40).run()
    let second = try Simulator(scenario: scenario, breaker: .reference, duration: 40).run()
    #expect(first == second)
    let other = try Simulator(scenario: scenario, breaker: .reference, seed: 8, duration: 40).run()
    #expect(other != first)
  }

  @Test func withoutABreakerTheCascadeHappens() throws {
    let result = try Simulator(scenario: try Fixtures.mini, breaker: .none).run()
    let gateway = try #require(result.pool("gateway"))
    #expect(gateway.exhaustedSeconds > 20)
    #expect(try #require(gateway.firstExhaustedAt) < 21)
    // Search pages never call pricing, yet they fail too: the gateway's threads wait on pricing.
    #expect(try #require(result.page("search")?.availabilityDuringFault) < 0.5)
    #expect(result.service("pricing")?.fastDuringFault == 0)
  }

  @Test func theReferenceBreakerContainsIt() throws {
    let result = try Simulator(scenario: try Fixtures.mini, breaker: .reference).run()
    #expect(try #require(result.page("product")?.availabilityDuringFault) > 0.95)
    #expect(try #require(result.page("search")?.availabilityDuringFault) > 0.95)
    #expect(try #require(result.pool("gateway")?.exhaustedSeconds) <= 3)
    let pricing = try #require(result.service("pricing"))
    #expect(try #require(pricing.breakerOpenedAt) < 23)
    #expect(try #require(pricing.recoveredAfter) <= 20)
    #expect(result.timeline.breakers.first { $0.service == "pricing" }?.states.contains("O") == true)
  }

  /// How the simulator may talk to a subject.
  enum Driving: String, CaseIterable, Sendable {
    case batches, oneByOne
  }

  @Test(arguments: Driving.allCases)
  func aBreakerOverTheProtocolGivesTheReferenceFigures(driving: Driving) throws {
    let scenario = try Fixtures.mini
    let factory = WrappedReference(profile: scenario.breakers.profile, driving: driving)
    var result = try Simulator(scenario: scenario, breaker: .subject(factory, label: "in-process"), duration: 60).run()
    let reference = try Simulator(scenario: scenario, breaker: .reference, duration: 60).run()
    let requests = try #require(result.protocolRequests)
    // Batches carry many calls each; one request per operation otherwise.
    if driving == .oneByOne { #expect(requests > result.events / 2) } else { #expect(requests < result.events / 10) }
    result.breaker = reference.breaker
    result.protocolRequests = nil
    #expect(result == reference)
  }

  @Test func eventsComeOutInTimeThenInsertionOrder() {
    var queue = EventQueue()
    for (index, time) in [5.0, 1.0, 3.0, 1.0, 2.0].enumerated() { queue.push(time, .arrival, Int32(index)) }
    var order: [Int32] = []
    while let event = queue.pop() { order.append(event.index) }
    #expect(order == [1, 3, 4, 2, 0])
  }
}

/// The reference model as a subject, with or without its `batch` feature.
private final class WrappedReference: Subject, SubjectFactory, @unchecked Sendable {
  let profile: Profile
  let driving: SimulatorTests.Driving
  private var inner = ReferenceSubject(profile: .init())

  init(profile: Profile, driving: SimulatorTests.Driving) {
    self.profile = profile
    self.driving = driving
  }

  var info: SubjectInfo {
    var info = inner.info
    if driving == .oneByOne { info.features.remove("batch") }
    return info
  }

  func launch() throws(SubjectFault) -> any Subject {
    inner = ReferenceSubject(profile: profile)
    return self
  }

  func perform(_ request: Request) throws(SubjectFault) -> Reply {
    if driving == .oneByOne, case .batch = request {
      throw .adapterError(kind: "unsupported", message: "no batches here")
    }
    return try inner.perform(request)
  }

  func terminate() {}
}
