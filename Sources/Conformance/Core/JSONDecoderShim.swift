import Foundation

/// Decodes a JSON text with Foundation's decoder (kept in one place for the profile and configuration).
enum JSONDecoderShim {
  static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
    try JSONDecoder().decode(type, from: Data(text.utf8))
  }
}
