/// The profile's knobs by name, so files can be validated and decoded without listing the knobs twice.
extension Profile {
  /// Every knob's name and the values it accepts (`true`/`false` for flags).
  public static let knobValues: [String: [String]] = {
    func values<E: CaseIterable & RawRepresentable>(_: E.Type) -> [String] where E.RawValue == String {
      E.allCases.map(\.rawValue)
    }
    let flag = ["true", "false"]
    let table: [CodingKeys: [String]] = [
      .tripRule: values(TripRule.self), .rateComparison: values(Comparison.self),
      .openBoundary: values(Boundary.self), .stateRead: values(StateRead.self),
      .halfOpenAdmission: values(Admission.self), .tripCallError: values(TripCallError.self),
      .ignoredErrors: values(IgnoredErrors.self), .staleResults: values(StaleResults.self),
      .fallbackOn: values(FallbackOn.self), .reportsEvents: flag, .exposesIsOpen: flag, .serializesCalls: flag,
      .hungTrial: values(HungTrial.self), .tripEvaluation: values(TripEvaluation.self),
      .windowKinds: values(WindowKinds.self), .timeWindow: values(TimeWindow.self),
    ]
    precondition(table.count == CodingKeys.allCases.count, "every profile knob needs its values listed")
    return Dictionary(uniqueKeysWithValues: table.map { ($0.key.rawValue, $0.value) })
  }()

  /// A profile from knob settings as text (`open_boundary: exclusive`); unset knobs keep their defaults.
  ///
  /// Throws `KnobError` naming the first unknown knob or invalid value.
  public init(settings: [String: String]) throws(KnobError) {
    var fields: [String] = []
    for key in settings.keys.sorted() {
      guard let allowed = Profile.knobValues[key] else { throw .unknownKnob(key) }
      let value = settings[key]!
      guard allowed.contains(value) else { throw .invalidValue(knob: key, value: value, allowed: allowed) }
      fields.append(allowed == ["true", "false"] ? "\"\(key)\":\(value)" : "\"\(key)\":\"\(value)\"")
    }
    let json = "{" + fields.joined(separator: ",") + "}"
    do {
      self = try JSONDecoderShim.decode(Profile.self, from: json)
    } catch {
      throw .invalidValue(knob: "?", value: json, allowed: [])
    }
  }

  /// A profile setting that cannot be used.
  public enum KnobError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownKnob(String)
    case invalidValue(knob: String, value: String, allowed: [String])

    public var description: String {
      switch self {
      case .unknownKnob(let key):
        "unknown profile knob `\(key)` (known: \(Profile.knobValues.keys.sorted().joined(separator: ", ")))"
      case .invalidValue(let key, let value, let allowed):
        "`\(key)` must be one of \(allowed.joined(separator: ", ")), not `\(value)`"
      }
    }
  }
}
