import Conformance
import Foundation

/// A user's profile file for `cblearn conformance`: the design choices of their breaker and its configuration.
///
/// ```yaml
/// profile: {open_boundary: exclusive, half_open_admission: limited}
/// config: {failure_threshold: 5, recovery_timeout: 30, half_open_max_calls: 1}
/// ```
public enum ProfileFile {
  /// Loads and validates a profile file; errors name the file and line.
  public static func load(from url: URL) throws -> (profile: Profile, config: BreakerConfig) {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw CurriculumError.malformed(
        file: url.path, line: nil, problem: "the file cannot be read", fix: "check the path given to --profile")
    }
    return try parse(ContentFile.text(data, file: url.path), file: url.path)
  }

  /// Parses the text of a profile file.
  public static func parse(_ text: String, file: String) throws -> (profile: Profile, config: BreakerConfig) {
    let yaml = YAMLFile(path: file)
    let map = try yaml.mapping(text, expecting: "a `profile:` and a `config:` mapping (docs/profiles.md)")
    try map.rejectUnknownKeys(["profile", "config"], in: "the profile file")
    let profile = try ManifestConfig.profile(map.map("profile"), yaml: yaml)
    let config = try ManifestConfig.config(map.map("config"), yaml: yaml)
    return (profile, config)
  }
}
