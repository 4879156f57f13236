#include "tools/vanban/cli_util.h"

#include <spdlog/spdlog.h>

#include "pipeline/rules.h"

namespace vanban::cli {

std::optional<RuleSet> LoadRules(const GlobalOptions& opts) {
  auto rules = opts.rules_dir.empty() ? RuleSet::LoadEmbedded() : RuleSet::LoadDir(opts.rules_dir);
  if (!rules) {
    spdlog::error("cannot load rules: {}", rules.error().message);
    return std::nullopt;
  }
  return std::move(rules.value());
}

std::shared_ptr<const CitationKeys> LoadKeys(const GlobalOptions& opts) {
  auto rules = LoadRules(opts);
  return rules ? std::make_shared<CitationKeys>(*rules) : nullptr;
}

std::unique_ptr<Store> OpenForQuery(const GlobalOptions& opts,
                                    std::shared_ptr<const CitationKeys> keys) {
  auto store = Store::Open(opts.db, Store::Mode::kExisting, std::move(keys));
  if (!store) {
    spdlog::error("{}", store.error().message);
    return nullptr;
  }
  return std::move(store.value());
}

}  // namespace vanban::cli
