#include "pipeline/walk.h"

#include <algorithm>
#include <filesystem>
#include <iterator>
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

using Visit = std::function<bool(const std::string&, const std::string&)>;

// False when `visit` asked to stop.
bool WalkFolderStream(const fs::path& folder, const std::string& root, const Visit& visit,
                      std::vector<WalkError>* errors) {
  std::vector<fs::path> files, folders;
  std::error_code ec;
  fs::directory_iterator it(folder, ec), end;
  if (ec) {
    if (errors) errors->push_back({folder.string(), "cannot list folder: " + ec.message()});
    return true;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      if (errors) errors->push_back({folder.string(), "cannot list folder: " + ec.message()});
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
  for (const auto& f : files)
    if (!visit(f.string(), root)) return false;
  files.clear();
  for (const auto& d : folders)
    if (!WalkFolderStream(d, root, visit, errors)) return false;
  return true;
}

// True when a walk of folder `root` reaches `p` (below it, through no hidden folder).
bool Covers(const fs::path& root, const fs::path& p, bool p_is_folder) {
  auto r = root.begin(), q = p.begin();
  for (; r != root.end(); ++r, ++q)
    if (q == p.end() || *r != *q) return false;
  if (q == p.end()) return p_is_folder;  // the same folder
  for (auto last = std::prev(p.end()); q != last; ++q)
    if (IsHidden(*q)) return false;
  std::string name = q->string();
  if (p_is_folder) return !IsHidden(*q);
  return IsDocumentName(name);
}

}  // namespace

bool IsDocumentName(const std::string& filename) {
  if (filename.empty() || filename[0] == '.') return false;
  std::string n = LowerAscii(filename);
  // Text, PDF, and the image formats Leptonica reads (scans from office scanners and phones).
  static constexpr std::string_view kExtensions[] = {
      ".txt", ".md", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp",
      ".gif", ".webp", ".jp2", ".pnm", ".pbm", ".pgm", ".ppm"};
  for (std::string_view e : kExtensions)
    if (EndsWith(n, std::string(e))) return true;
  return false;
}

void WalkFiles(const std::vector<std::string>& roots, const Visit& visit,
               std::vector<WalkError>* errors) {
  struct Root {
    std::string arg;
    fs::path path;
    bool folder = false;
  };
  std::vector<Root> rs;
  for (const std::string& root : roots) {
    std::error_code ec;
    fs::path p = fs::absolute(fs::path(root), ec).lexically_normal();
    if (p.has_filename() == false && p.has_parent_path()) p = p.parent_path();
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      if (errors) errors->push_back({root, "no such file or folder"});
      continue;
    }
    rs.push_back({root, p, fs::is_directory(st)});
  }
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const Root& r = rs[i];
    bool covered = false;
    for (std::size_t j = 0; j < rs.size() && !covered; ++j) {
      if (j == i || !rs[j].folder) continue;
      // An identical root is walked at its first occurrence only.
      if (rs[j].path == r.path) covered = j < i;
      else covered = Covers(rs[j].path, r.path, r.folder);
    }
    if (covered) continue;
    if (r.folder) {
      if (!WalkFolderStream(r.path, r.path.string(), visit, errors)) return;
    } else if (!IsDatabaseName(r.path.filename().string())) {
      // Explicit files: each once (a file named twice).
      bool again = false;
      for (std::size_t j = 0; j < i && !again; ++j) again = !rs[j].folder && rs[j].path == r.path;
      if (!again && !visit(r.path.string(), r.path.parent_path().string())) return;
    }
  }
}

std::vector<std::string> CollectFiles(const std::vector<std::string>& roots,
                                      std::vector<WalkError>* errors) {
  std::vector<std::string> found;
  WalkFiles(
      roots,
      [&found](const std::string& f, const std::string&) {
        found.push_back(f);
        return true;
      },
      errors);
  return found;
}

}  // namespace vanban
