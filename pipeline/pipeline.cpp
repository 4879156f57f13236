#include "pipeline/pipeline.h"

#include <exception>

#include "extractors/citations.h"
#include "extractors/header.h"
#include "extractors/tasks.h"
#include "pipeline/load.h"
#include "pipeline/normalize.h"
#include "pipeline/segment.h"

namespace vanban {

struct Pipeline::Impl {
  explicit Impl(RuleSet r)
      : rules(std::move(r)), segmenter(rules), header(rules), citations(rules), tasks(rules) {}
  RuleSet rules;
  Segmenter segmenter;
  HeaderExtractor header;
  CitationExtractor citations;
  TaskExtractor tasks;
};

Result<std::shared_ptr<const Pipeline>> Pipeline::Create(const std::string& rules_dir) {
  Result<RuleSet> rules = rules_dir.empty() ? RuleSet::LoadEmbedded() : RuleSet::LoadDir(rules_dir);
  if (!rules) return rules.error();
  try {
    return std::shared_ptr<const Pipeline>(std::make_shared<Pipeline>(std::move(rules.value())));
  } catch (const std::exception& e) {
    // A rule file that parses as YAML but holds a bad pattern or shape.
    return StageError{"rules", e.what()};
  }
}

Pipeline::Pipeline(RuleSet rules) : impl_(std::make_unique<Impl>(std::move(rules))) {}
Pipeline::~Pipeline() = default;
const RuleSet& Pipeline::rules() const { return impl_->rules; }

Record Pipeline::ExtractFile(const std::string& path) const {
  Record r;
  r.source.path = path;
  Result<LoadedText> loaded = LoadText(path);
  if (!loaded) {
    r.error = loaded.error();
    return r;
  }
  return ExtractBytes(loaded.value().utf8, path, &loaded.value());
}

Record Pipeline::ExtractBytes(std::string_view bytes, const std::string& path) const {
  Result<LoadedText> loaded = DecodeText(bytes, path);
  if (!loaded) {
    Record r;
    r.source.path = path;
    r.source.sha256 = Sha256Hex(bytes);
    r.error = loaded.error();
    return r;
  }
  return ExtractBytes(loaded.value().utf8, path, &loaded.value());
}

Record Pipeline::ExtractBytes(std::string_view utf8, const std::string& path,
                              const LoadedText* loaded) const {
  Record r;
  r.source.path = path;
  r.source.sha256 = loaded->sha256;
  r.source.format = loaded->format;
  r.source.encoding = loaded->encoding;
  const char* stage = "normalize";
  try {
    NormalizedText norm = Normalize(utf8, loaded->format == "markdown");
    stage = "segment";
    std::vector<DocumentText> docs = impl_->segmenter.Split(norm);
    stage = "extract";
    int part = 0;
    for (const DocumentText& dt : docs) {
      Document d;
      d.part = ++part;
      Locality where;
      impl_->header.Extract(dt, &d, &where);
      d.citations = impl_->citations.Extract(dt, d, where);
      d.tasks = impl_->tasks.Extract(dt, d, where);
      d.footnotes = dt.footnotes;
      d.text = dt.text;
      r.documents.push_back(std::move(d));
    }
  } catch (const std::exception& e) {
    // A bug, not bad input; still recorded against this file so the run goes on.
    r.error = StageError{stage, std::string("internal error: ") + e.what()};
    r.documents.clear();
  }
  return r;
}

}  // namespace vanban
