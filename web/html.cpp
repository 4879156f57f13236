#include "web/html.h"

#include <kainjow/mustache.hpp>
#include <stdexcept>
#include <utility>
#include <vector>

namespace vanban::web {

const std::vector<std::pair<std::string, std::string>>& EmbeddedWebFiles();  // generated

namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;
using nlohmann::json;

// The length of the valid UTF-8 sequence at s[i], or 0 when it is not one.
std::size_t Utf8Length(std::string_view s, std::size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  if (n == 2 && b < 0xC2) return 0;  // overlong
  return n;
}

data ToMustache(const json& j) {
  switch (j.type()) {
    case json::value_t::object: {
      data d{data::type::object};
      for (const auto& [k, v] : j.items()) d.set(k, ToMustache(v));
      return d;
    }
    case json::value_t::array: {
      data d{data::type::list};
      for (const auto& v : j) d.push_back(ToMustache(v));
      return d;
    }
    case json::value_t::string:
      return data{j.get<std::string>()};
    case json::value_t::boolean:
      return data{j.get<bool>()};
    case json::value_t::null:
    case json::value_t::discarded:
      return data{false};
    default:
      return data{j.dump()};  // numbers
  }
}

const std::string& Template(std::string_view name) {
  const std::string* t = WebFile("templates/" + std::string(name) + ".html");
  if (!t) throw std::runtime_error("web view: no template " + std::string(name));
  return *t;
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '`': out += "&#96;"; break;
      default: {
        std::size_t n = Utf8Length(text, i);
        if (n == 0) {
          out += "\xEF\xBF\xBD";  // U+FFFD
          ++i;
          continue;
        }
        out.append(text.substr(i, n));
        i += n;
        continue;
      }
    }
    ++i;
  }
  return out;
}

const std::string* WebFile(std::string_view name) {
  for (const auto& [n, content] : EmbeddedWebFiles())
    if (n == name) return &content;
  return nullptr;
}

std::string RenderTemplate(std::string_view name, const json& j) {
  mustache tmpl{Template(name)};
  if (!tmpl.is_valid())
    throw std::runtime_error("web view: template " + std::string(name) + ": " + tmpl.error_message());
  tmpl.set_custom_escape([](const std::string& s) { return HtmlEscape(s); });
  return tmpl.render(ToMustache(j));
}

std::string RenderPage(std::string_view page, const json& j, std::string_view title) {
  std::string body = RenderTemplate(page, j);
  json layout = {{"title", std::string(title)}, {"body", body}, {"page_" + std::string(page), true}};
  if (j.contains("query") && j["query"].is_string()) layout["query"] = j["query"];
  return RenderTemplate("layout", layout);
}

}  // namespace vanban::web
