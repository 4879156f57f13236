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
#include <string>
#include <string_view>
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

// The store's name for an assignee, so one body is one node across documents: the printed
// form without an apposition ("Sở Nội vụ - cơ quan Thường trực ..." -> "Sở Nội vụ"),
// abbreviations expanded and the locality completed ("UBND huyện" in a document of huyện
// Sơn Tây -> "Ủy ban nhân dân huyện Sơn Tây"). The record keeps the printed form.
std::string CanonicalAssignee(const BodyNames& names, std::string_view printed,
                              const Locality& where);

}  // namespace vanban
