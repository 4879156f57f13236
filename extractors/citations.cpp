#include "extractors/citations.h"

namespace vanban {
struct CitationExtractor::Impl {};
CitationExtractor::CitationExtractor(const RuleSet&) : impl_(std::make_unique<Impl>()) {}
CitationExtractor::~CitationExtractor() = default;
std::vector<Citation> CitationExtractor::Extract(const DocumentText&, const Document&,
                                                 const Locality&) const {
  return {};
}
}  // namespace vanban
