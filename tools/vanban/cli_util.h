// Small pieces shared by the query commands: loading the citation keys and opening the
// database for reading, each printing a plain reason when it cannot.
#pragma once

#include <memory>
#include <optional>

#include "extractors/citation_key.h"
#include "pipeline/rules.h"
#include "pipeline/store.h"
#include "tools/vanban/commands.h"

namespace vanban::cli {

// The rules in use (--rules DIR or the built-in ones); nullopt after printing why when they
// cannot be loaded.
std::optional<RuleSet> LoadRules(const GlobalOptions& opts);

// The citation keys of the rules in use (--rules DIR or the built-in ones); null after
// printing why when the rules cannot be loaded.
std::shared_ptr<const CitationKeys> LoadKeys(const GlobalOptions& opts);

// The database of --db for a query; null after printing why when it cannot be opened
// ("no database at vanban.db — run `vanban ingest FOLDER` first").
std::unique_ptr<Store> OpenForQuery(const GlobalOptions& opts,
                                    std::shared_ptr<const CitationKeys> keys);

}  // namespace vanban::cli
