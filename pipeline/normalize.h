// Stage 2, normalize: decoded UTF-8 in, canonical text out, with a map back to the input.
//
//   NormalizedText n = Normalize(loaded.utf8, /*markdown=*/true);
//   n.text        // NFC, one tone style, markdown markup stripped, \r\n -> \n,
//                 // NBSP/soft hyphen/zero-width/bidi marks handled, Cyrillic look-alikes
//                 // inside Latin words repaired, spaces collapsed, lines trimmed
//   n.origin[i]   // byte offset in the input of the character that produced text[i]
//
// Nothing here can fail: any valid UTF-8 has a normal form.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vanban {

struct NormalizedText {
  std::string text;
  std::vector<std::uint32_t> origin;  // same length as text
};

NormalizedText Normalize(std::string_view utf8, bool markdown);

// Character-level canonicalisation only (NFC, tones, invisible characters); for short
// strings such as query terms and rule words.
std::string NormalizeString(std::string_view s);

}  // namespace vanban
