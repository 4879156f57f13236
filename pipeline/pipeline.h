// Orchestration of one file: load -> normalize -> segment -> extract, into a Record.
//
//   auto p = Pipeline::Create("");            // "" = rules built into the binary
//   if (!p) { report(p.error()); }
//   Record r = p.value()->ExtractFile("corpus/seeds/003.txt");
//   if (r.error) { /* r.error->stage, r.error->message: the file is bad, go on */ }
//
// A Pipeline holds every extractor, each built once from the rules; ExtractFile is const
// and safe to call from many threads at once. It never throws for bad input: failures come
// back in Record::error with the stage that hit them.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "pipeline/page_share.h"
#include "pipeline/record.h"
#include "pipeline/result.h"
#include "pipeline/rules.h"

namespace vanban {

class Pipeline {
 public:
  static Result<std::shared_ptr<const Pipeline>> Create(const std::string& rules_dir);
  explicit Pipeline(RuleSet rules);
  ~Pipeline();

  Record ExtractFile(const std::string& path) const;
  // Bytes already in memory; `path` names them in the record and in messages.
  // `share` caps the pages of a scan or PDF read at once (none: every OCR worker;
  // page_share.h).
  Record ExtractBytes(std::string_view bytes, const std::string& path, PageShare share = {}) const;
  const RuleSet& rules() const;

 private:
  Record ExtractBytes(std::string_view utf8, const std::string& path,
                      const struct LoadedText* loaded) const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vanban
