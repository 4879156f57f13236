// Placeholder: the task extractor lands with the directives issue.
#include "extractors/tasks.h"

namespace vanban {
struct TaskExtractor::Impl {};
TaskExtractor::TaskExtractor(const RuleSet&) : impl_(std::make_unique<Impl>()) {}
TaskExtractor::~TaskExtractor() = default;
std::vector<Task> TaskExtractor::Extract(const DocumentText&, const Document&,
                                         const Locality&) const {
  return {};
}
}  // namespace vanban
