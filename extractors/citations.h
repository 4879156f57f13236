// Citation extractor: which other documents a document cites, and how.
//
//   CitationExtractor citations(rules);
//   std::vector<Citation> cs = citations.Extract(doc_text, header_doc, where);
//
// Finds numbered citations in state and Party form ("Quyết định số 2454/QĐ-UBND ngày
// 04/12/2022 của UBND tỉnh", "Nghị quyết số 12-NQ/TU", "Chỉ thị 03/CT-TTg", "34/2016/NĐ-CP",
// "2088/QĐUBND"), titles cited by name and year ("Luật Ban hành văn bản quy phạm pháp luật
// năm 2015"), aliases ("gọi tắt là Chương trình hành động số 23") and short back-references,
// and well-known documents cited by nickname (rules/citations.yaml). Each distinct cited
// document appears once, with all its mentions, its relation (căn cứ, thực hiện, ...), key
// (citation_key.h) and, where the context settles it, the full issuer. A document never
// cites itself.
#pragma once

#include <memory>
#include <vector>

#include "extractors/bodies.h"
#include "pipeline/record.h"
#include "pipeline/rules.h"
#include "pipeline/segment.h"

namespace vanban {

class CitationExtractor {
 public:
  explicit CitationExtractor(const RuleSet& rules);
  ~CitationExtractor();
  std::vector<Citation> Extract(const DocumentText& doc, const Document& header,
                                const Locality& where) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vanban
