// Walking the archive: which files `vanban ingest PATH...` reads.
//
//   std::vector<WalkError> errors;
//   std::vector<std::string> files = CollectFiles({"corpus/", "extra.txt"}, &errors);
//   // files: absolute, normalised paths, each once, folders in sorted order
//   // errors: paths that do not exist or folders that cannot be listed
//
// In:  files and folders. Folders are walked recursively; from them only files ending in
//      .txt or .md (any case) are taken, and hidden files and folders (name starting with
//      '.') are skipped. A file named explicitly is always taken, except a database (.db,
//      .db-wal, .db-shm), which is never read.
// Out: absolute paths in a stable order (arguments in order, each folder sorted).
// Fails: never throws for bad paths; each one becomes a WalkError and the walk goes on.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace vanban {

struct WalkError {
  std::string path;
  std::string message;  // plain words: "no such file or folder"
};

// True for a name a folder walk takes: text (*.txt, *.md), PDF, or an image Leptonica
// reads (*.png, *.jpg, *.tif …), any case, not hidden. The loader tells formats apart by
// their first bytes; the name only decides what a walk looks at.
bool IsDocumentName(const std::string& filename);

// Every file a walk of `roots` takes, in walk order (WalkFiles, collected).
std::vector<std::string> CollectFiles(const std::vector<std::string>& roots,
                                      std::vector<WalkError>* errors);

// The files of the roots, streamed: `visit(path, root)` is called for each as it is found (root: the absolute, normalised argument it was found under) and may return
// false to stop the walk. Holds no more than one folder's listing at a time; a root inside
// another folder root (or a file such a walk takes anyway) is not walked twice.
void WalkFiles(const std::vector<std::string>& roots,
               const std::function<bool(const std::string& path, const std::string& root)>& visit,
               std::vector<WalkError>* errors);

}  // namespace vanban
