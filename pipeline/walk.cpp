#include "pipeline/walk.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

namespace vanban {
namespace fs = std::filesystem;
namespace {

std::string LowerAscii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool IsDatabaseName(const std::string& filename) {
  std::string n = LowerAscii(filename);
  return EndsWith(n, ".db") || EndsWith(n, ".db-wal") || EndsWith(n, ".db-shm") ||
         EndsWith(n, ".db-journal");
}

bool IsHidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.' && name != "." && name != "..";
}

void WalkFolder(const fs::path& root, std::vector<std::string>& out,
                std::vector<WalkError>* errors) {
  std::vector<fs::path> files, folders;
  std::error_code ec;
  fs::directory_iterator it(root, ec), end;
  if (ec) {
    if (errors) errors->push_back({root.string(), "cannot list folder: " + ec.message()});
    return;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      if (errors) errors->push_back({root.string(), "cannot list folder: " + ec.message()});
      break;
    }
    const fs::path& p = it->path();
    if (IsHidden(p)) continue;
    std::error_code sec;
    if (it->is_directory(sec))
      folders.push_back(p);
    else if (it->is_regular_file(sec) && IsDocumentName(p.filename().string()))
      files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  std::sort(folders.begin(), folders.end());
  for (const auto& f : files) out.push_back(f.string());
  for (const auto& d : folders) WalkFolder(d, out, errors);
}

}  // namespace

bool IsDocumentName(const std::string& filename) {
  if (filename.empty() || filename[0] == '.') return false;
  std::string n = LowerAscii(filename);
  return EndsWith(n, ".txt") || EndsWith(n, ".md");
}

std::vector<std::string> CollectFiles(const std::vector<std::string>& roots,
                                      std::vector<WalkError>* errors) {
  std::vector<std::string> found;
  for (const std::string& root : roots) {
    std::error_code ec;
    fs::path p = fs::absolute(fs::path(root), ec).lexically_normal();
    if (p.has_filename() == false && p.has_parent_path()) p = p.parent_path();
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      if (errors) errors->push_back({root, "no such file or folder"});
      continue;
    }
    if (fs::is_directory(st)) {
      WalkFolder(p, found, errors);
    } else if (!IsDatabaseName(p.filename().string())) {
      found.push_back(p.string());
    }
  }
  // Each file once, first occurrence wins (a file named twice, or inside two roots).
  std::set<std::string> seen;
  std::vector<std::string> out;
  for (auto& f : found)
    if (seen.insert(f).second) out.push_back(std::move(f));
  return out;
}

}  // namespace vanban
