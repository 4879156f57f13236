// Header extractor: the parts of a document around its body.
//
//   HeaderExtractor header(rules);
//   Document doc;  Locality where;
//   header.Extract(doc_text, &doc, &where);
//   // doc.type, number, symbol, draft, issuer, place, date, subject, urgency,
//   // recipients ("Kính gửi"), distribution ("Nơi nhận"), signer; `where` for resolution
//
// In:  one segmented document (pipeline/segment.h).
// Out: the header fields of the record; fields the text does not settle stay null. When
//      the issuer block is missing (a document that starts at "Số:"), the issuer is
//      inferred from the number's symbol, the place and the body text where they agree.
#pragma once

#include <memory>

#include "extractors/bodies.h"
#include "pipeline/record.h"
#include "pipeline/rules.h"
#include "pipeline/segment.h"

namespace vanban {

class HeaderExtractor {
 public:
  explicit HeaderExtractor(const RuleSet& rules);
  ~HeaderExtractor();
  void Extract(const DocumentText& doc, Document* out, Locality* where) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vanban
