# Generates a C++ source holding the web view's files (web/templates/*.html, web/static/*,
# web/*.tsv), so `vanban serve` carries its pages and runs from any directory. Invoked at
# build time with -DWEB_DIR= -DOUT=. Names are paths relative to WEB_DIR
# ("templates/search.html", "static/style.css").
file(GLOB_RECURSE web_files RELATIVE "${WEB_DIR}" "${WEB_DIR}/templates/*" "${WEB_DIR}/static/*"
     "${WEB_DIR}/*.tsv")
list(SORT web_files)
set(body "// Generated from web/ by cmake/EmbedWeb.cmake. Do not edit.\n")
string(APPEND body "#include <string>\n#include <utility>\n#include <vector>\n")
string(APPEND body "namespace vanban::web {\nconst std::vector<std::pair<std::string, std::string>>& EmbeddedWebFiles() {\n")
string(APPEND body "  static const std::vector<std::pair<std::string, std::string>> files = {\n")
foreach(name IN LISTS web_files)
  file(READ "${WEB_DIR}/${name}" content)
  string(APPEND body "    {\"${name}\", R\"vanbanweb(${content})vanbanweb\"},\n")
endforeach()
string(APPEND body "  };\n  return files;\n}\n}  // namespace vanban::web\n")
file(WRITE "${OUT}.tmp" "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
