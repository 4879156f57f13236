#include "pipeline/load.h"

#include "pipeline/legacy_encoding.h"

#include <openssl/evp.h>
#include <re2/re2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace vanban {
namespace {

StageError LoadError(const std::string& message) { return StageError{"load", message}; }

bool ValidUtf8(std::string_view s) {
  int32_t i = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

std::string FromUtf16(std::string_view bytes, bool little_endian) {
  std::u16string units;
  units.reserve(bytes.size() / 2);
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    auto lo = static_cast<unsigned char>(bytes[i]), hi = static_cast<unsigned char>(bytes[i + 1]);
    units.push_back(little_endian ? static_cast<char16_t>(lo | (hi << 8))
                                  : static_cast<char16_t>(hi | (lo << 8)));
  }
  icu::UnicodeString u(reinterpret_cast<const UChar*>(units.data()),
                       static_cast<int32_t>(units.size()));
  std::string out;
  u.toUTF8String(out);
  return out;
}

// UTF-16 without a byte-order mark: text of mostly Latin letters has a zero in every
// other byte.
std::optional<bool> LooksUtf16(std::string_view bytes) {
  if (bytes.size() < 4 || bytes.size() % 2) return std::nullopt;
  std::size_t n = std::min<std::size_t>(bytes.size(), 4096), even = 0, odd = 0;
  for (std::size_t i = 0; i + 1 < n; i += 2) {
    even += bytes[i] == 0;
    odd += bytes[i + 1] == 0;
  }
  std::size_t pairs = n / 2;
  if (odd * 10 > pairs * 3 && even * 20 < pairs) return true;   // little endian
  if (even * 10 > pairs * 3 && odd * 20 < pairs) return false;  // big endian
  return std::nullopt;
}

std::string DetectFormat(const std::string& path, std::string_view text) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".md" || ext == ".markdown") return "markdown";
  if (text.find("**") != std::string_view::npos || text.find("\n#") != std::string_view::npos ||
      text.rfind("# ", 0) == 0)
    return "markdown";
  // Emphasis with single stars: "*text*" opened after a space or bracket, closed before one.
  static const RE2 kEmphasis(R"((?:^|[\s(“"])\*[^\s*][^*\n]*[^\s*]\*(?:$|[\s).,;:”"]))");
  if (text.find('*') != std::string_view::npos && RE2::PartialMatch(text, kEmphasis))
    return "markdown";
  return "text";
}

}  // namespace

InputKind DetectInputKind(std::string_view b) {
  auto starts = [&](std::string_view magic, std::size_t at = 0) {
    return b.size() >= at + magic.size() && b.substr(at, magic.size()) == magic;
  };
  // A PDF may have a few bytes of junk before its header; readers accept up to 1 KiB.
  if (b.substr(0, 1024).find("%PDF-") != std::string_view::npos) return InputKind::kPdf;
  if (starts("\x89PNG\r\n\x1A\n") || starts("\xFF\xD8\xFF") || starts(std::string_view("II*\0", 4)) ||
      starts(std::string_view("MM\0*", 4)) || starts("GIF87a") || starts("GIF89a") ||
      (starts("RIFF") && starts("WEBP", 8)) ||
      // BMP: "BM", the file size, then four reserved zero bytes (a text may begin "BM…").
      (starts("BM") && starts(std::string_view("\0\0\0\0", 4), 6)) ||
      starts(std::string_view("\0\0\0\x0CjP  ", 8)) || starts(std::string_view("\xFF\x4F\xFF\x51", 4)))
    return InputKind::kImage;
  // Netpbm (P4/P5/P6 binary): "P5\n<width> <height>".
  if (b.size() > 3 && b[0] == 'P' && b[1] >= '4' && b[1] <= '6' && (b[2] == '\n' || b[2] == ' ') &&
      b.find('\0') != std::string_view::npos)
    return InputKind::kImage;
  return InputKind::kText;
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(hex[digest[i] >> 4]);
    out.push_back(hex[digest[i] & 15]);
  }
  return out;
}

Result<LoadedText> DecodeText(std::string_view bytes, const std::string& path) {
  LoadedText out;
  out.sha256 = Sha256Hex(bytes);
  if (bytes.empty()) return LoadError("the file is empty");
  std::string_view b = bytes;
  if (b.size() >= 3 && b.substr(0, 3) == "\xEF\xBB\xBF") {
    out.encoding = "utf-8";
    b.remove_prefix(3);
  } else if (b.size() >= 2 && (b.substr(0, 2) == "\xFF\xFE" || b.substr(0, 2) == "\xFE\xFF")) {
    bool le = b[0] == '\xFF';
    out.encoding = "utf-16";
    out.utf8 = FromUtf16(b.substr(2), le);
  } else if (auto le = LooksUtf16(b)) {
    out.encoding = "utf-16";
    out.utf8 = FromUtf16(b, *le);
  } else {
    out.encoding = "utf-8";
  }
  if (out.encoding == "utf-8") {
    if (b.find('\0') != std::string_view::npos)
      return LoadError("this is not a text document (it contains binary data)");
    if (ValidUtf8(b)) {
      out.utf8 = std::string(b);
    } else {
      // Old archives: TCVN3 (ABC) or VNI-Windows, converted when the text clearly reads as
      // Vietnamese in one of them (rules/encodings.yaml); refused when it cannot be told.
      LegacyGuess g = LegacyDecoder::Embedded().Detect(b);
      if (g.encoding.empty())
        return LoadError("the text is not Unicode and its encoding cannot be told (it looks like " +
                         g.likely + "); save it as UTF-8 (Unicode) and add it again");
      out.encoding = g.encoding;
      out.utf8 = std::move(g.utf8);
    }
  }
  std::size_t controls = 0, letters = 0;
  for (unsigned char c : out.utf8) {
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++controls;
    if (c >= 0x41) ++letters;
  }
  if (controls * 20 > out.utf8.size())
    return LoadError("this is not a text document (it contains binary data)");
  if (letters == 0) return LoadError("the file has no text in it");
  out.format = DetectFormat(path, out.utf8);
  return out;
}

Result<LoadedText> LoadText(const std::string& path) {
  Result<std::string> bytes = ReadFileBytes(path);
  if (!bytes) return bytes.error();
  return DecodeText(bytes.value(), path);
}

Result<std::string> ReadFileBytes(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return LoadError("this is a folder, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return LoadError(std::string("cannot open the file: ") + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return LoadError(std::string("cannot read the file: ") + std::strerror(errno));
  return ss.str();
}

}  // namespace vanban
