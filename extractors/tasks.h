// Task extractor: what a document orders whom to do, by when.
//
//   TaskExtractor tasks(rules);
//   std::vector<Task> ts = tasks.Extract(doc_text, header_doc, where);
//
// In:  one segmented document, its header fields (recipients, date, issuer) and locality.
// Out: one Task per lowest-level list item or directive sentence that asks someone to act,
//      with assignees (named in the item, else the heading, else the addressing sentence,
//      else the recipients), lead/cooperating bodies, deadline, recurrence and report_to.
#pragma once

#include <memory>
#include <vector>

#include "extractors/bodies.h"
#include "pipeline/record.h"
#include "pipeline/rules.h"
#include "pipeline/segment.h"

namespace vanban {

class TaskExtractor {
 public:
  explicit TaskExtractor(const RuleSet& rules);
  ~TaskExtractor();
  std::vector<Task> Extract(const DocumentText& doc, const Document& header,
                            const Locality& where) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vanban
