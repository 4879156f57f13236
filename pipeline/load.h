// Stage 1, load: a file's bytes in, UTF-8 text out.
//
//   Result<LoadedText> r = LoadText("/archive/cv583.txt");
//   // r.value().utf8, .encoding ("utf-8" | "utf-16le" | "utf-16be"), .format, .sha256
//
// In:  a path (or bytes already read, with the path for messages).
// Out: valid UTF-8 text, the encoding it came in, "text" or "markdown", and the SHA-256 of
//      the bytes (the content hash the store deduplicates on).
// Fails (as a StageError with stage "load") on: a file that cannot be read, an empty file,
// binary data, and text in an encoding it cannot tell apart (legacy 8-bit Vietnamese
// encodings such as TCVN3 or VNI are recognised and reported by name, never garbled).
#pragma once

#include <string>
#include <string_view>

#include "pipeline/result.h"

namespace vanban {

struct LoadedText {
  std::string utf8;
  std::string encoding;  // what the input was
  std::string format;    // text | markdown
  std::string sha256;
};

std::string Sha256Hex(std::string_view bytes);

Result<LoadedText> LoadText(const std::string& path);
Result<LoadedText> DecodeText(std::string_view bytes, const std::string& path);

}  // namespace vanban
