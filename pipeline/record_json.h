// JSON form of the extraction record (../shared/spec/extraction.md).
//
//   std::string line = vanban::ToJsonLine(record, /*with_text=*/false);
//   auto back = vanban::RecordFromJson(line);   // nullopt + message on malformed input
//
// Every output format of a Record as JSON lives here, so `extract --json`, `load` and
// the store agree on one shape. Absent optionals are written as null, never omitted.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "pipeline/record.h"

namespace vanban {

nlohmann::json ToJson(const Record& record, bool with_text = false);
nlohmann::json ToJson(const Document& doc, bool with_text = false);
nlohmann::json ToJson(const Citation& citation);
nlohmann::json ToJson(const Task& task);

// One line, UTF-8, no trailing newline.
std::string ToJsonLine(const Record& record, bool with_text = false);

// Parses a record printed by ToJsonLine (or written by hand to the spec). On failure
// returns nullopt and puts a one-line reason in *error.
std::optional<Record> RecordFromJson(const std::string& line, std::string* error);
// The same from a JSON value already parsed (e.g. from MessagePack, worker.h).
std::optional<Record> RecordFromJsonValue(const nlohmann::json& j, std::string* error);

}  // namespace vanban
