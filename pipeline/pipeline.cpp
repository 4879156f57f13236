#include "pipeline/pipeline.h"

#include <algorithm>
#include <exception>

#include "extractors/citations.h"
#include "extractors/header.h"
#include "extractors/tasks.h"
#include "pipeline/load.h"
#include "pipeline/normalize.h"
#include "pipeline/ocr.h"
#include "pipeline/pdf.h"
#include "pipeline/segment.h"

namespace vanban {

void MarkUncertain(const LoadedText& loaded, const DocumentText& dt, std::size_t documents, Document* d);

struct Pipeline::Impl {
  explicit Impl(RuleSet r)
      : rules(std::move(r)), segmenter(rules), header(rules), citations(rules), tasks(rules),
        ocr(rules) {}
  RuleSet rules;
  Segmenter segmenter;
  HeaderExtractor header;
  CitationExtractor citations;
  TaskExtractor tasks;
  OcrReader ocr;  // scans and PDFs; Tesseract starts on the first page read
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
  Result<std::string> bytes = ReadFileBytes(path);
  if (!bytes) {
    r.error = bytes.error();
    return r;
  }
  return ExtractBytes(bytes.value(), path);
}

Record Pipeline::ExtractBytes(std::string_view bytes, const std::string& path, PageShare share) const {
  // Dispatch on the first bytes: text, an image (OCR) or a PDF (text layer or OCR).
  Result<LoadedText> loaded = [&]() -> Result<LoadedText> {
    switch (DetectInputKind(bytes)) {
      case InputKind::kImage: return impl_->ocr.LoadImage(bytes, path, share);
      case InputKind::kPdf: return LoadPdf(bytes, path, impl_->ocr, share);
      case InputKind::kText: break;
    }
    return DecodeText(bytes, path);
  }();
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
  r.source.pages = loaded->pages;
  r.source.ocr = loaded->ocr;
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
      MarkUncertain(*loaded, dt, docs.size(), &d);
      r.documents.push_back(std::move(d));
    }
  } catch (const std::exception& e) {
    // A bug, not bad input; still recorded against this file so the run goes on.
    r.error = StageError{stage, std::string("internal error: ") + e.what()};
    r.documents.clear();
  }
  return r;
}

// Scans: fields the OCR stage left blank for want of a certain reading, reported on the
// document whose text holds them.
void MarkUncertain(const LoadedText& loaded, const DocumentText& dt, std::size_t documents, Document* d) {
  if (loaded.uncertain.empty()) return;
  std::uint32_t lo = ~0u, hi = 0;
  for (std::uint32_t o : dt.origin) lo = std::min(lo, o), hi = std::max(hi, o);
  for (const auto& [offset, field] : loaded.uncertain) {
    bool here = documents == 1 || (offset >= lo && offset <= hi + 1);
    if (here && std::find(d->uncertain.begin(), d->uncertain.end(), field) == d->uncertain.end())
      d->uncertain.push_back(field);
  }
}

}  // namespace vanban
