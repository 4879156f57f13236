// HTML of the web view: the pages are mustache templates (web/templates/*.html, built into
// the binary by cmake/EmbedWeb.cmake) filled from the same JSON that `?format=json` returns.
//
//   std::string page = RenderPage("search", data, "Tìm kiếm");   // body inside layout.html
//   HtmlEscape("<b>\"x\"</b>")  -> "&lt;b&gt;&quot;x&quot;&lt;/b&gt;"
//
// Escaping: every {{value}} of a template goes through HtmlEscape, the one escaping function
// of the web view. Only {{{body}}} (a page already rendered) and {{{svg}}} (Graphviz output,
// which escapes its own text) are inserted as they are.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace vanban::web {

// & < > " ' and the backtick replaced by character references. Safe in element content and
// in quoted attribute values. Bytes that are not valid UTF-8 are replaced by U+FFFD.
std::string HtmlEscape(std::string_view text);

// A file of web/ by its relative name ("static/style.css"); nullptr when there is none.
const std::string* WebFile(std::string_view name);

// Renders templates/<page>.html with `data`, then templates/layout.html around it with the
// page title. Throws std::runtime_error for a missing or broken template (a build error,
// not bad input).
std::string RenderPage(std::string_view page, const nlohmann::json& data, std::string_view title);

// Renders one template with `data` (no layout).
std::string RenderTemplate(std::string_view name, const nlohmann::json& data);

}  // namespace vanban::web
