// Stage 1, load: a file's bytes in, UTF-8 text out.
//
//   Result<LoadedText> r = LoadText("/archive/cv583.txt");
//   // r.value().utf8, .encoding ("utf-8" | "utf-16le" | "utf-16be"), .format, .sha256
//
// In:  a path (or bytes already read, with the path for messages).
// Out: valid UTF-8 text, the encoding it came in, "text" or "markdown", and the SHA-256 of
//      the bytes (the content hash the store deduplicates on).
// Fails (as a StageError with stage "load") on: a file that cannot be read, an empty file,
// binary data, and text in an encoding it cannot tell apart. Legacy 8-bit Vietnamese
// text (TCVN3/ABC, VNI-Windows) is converted when it clearly reads as one of them
// (pipeline/legacy_encoding.h; encoding "tcvn3" | "vni"), else refused, never garbled.
//
// DetectInputKind tells text from scans and PDFs by their first bytes (not the file
// name): PDF ("%PDF-"), images Leptonica reads (PNG, JPEG, TIFF, GIF, WebP, BMP, JPEG
// 2000, PNM); anything else is text for DecodeText.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/result.h"

namespace vanban {

enum class InputKind { kText, kImage, kPdf };
InputKind DetectInputKind(std::string_view bytes);

struct LoadedText {
  std::string utf8;
  std::string encoding;  // what the input was
  std::string format;    // text | markdown
  std::string sha256;
  int pages = 1;             // pages read (scans and PDFs)
  bool ocr = false;          // true when any page went through OCR
  // Scans: byte offsets into utf8 of a field left blank because its reading was
  // uncertain (a handwritten number or day), with the field's name ("number", "date").
  std::vector<std::pair<std::size_t, std::string>> uncertain;
};

std::string Sha256Hex(std::string_view bytes);

Result<LoadedText> LoadText(const std::string& path);
// The file's bytes (stage "load" error when it is a folder or cannot be read).
Result<std::string> ReadFileBytes(const std::string& path);
Result<LoadedText> DecodeText(std::string_view bytes, const std::string& path);

}  // namespace vanban
