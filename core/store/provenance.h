// Where results come from: the version and library file of each plugin a
// study uses, as the plugins table records them (schema.cpp).
#pragma once

#include "plugin/plugin_registry.h"
#include "store/store_rows.h"
#include "study/prepared_study.h"

#include <string>
#include <vector>

namespace geneft {

/// The row for plugin `id` of `kind` as loaded now: its version, a hash of
/// its library file, `params` (an analyzer's, AnalyzerParamsText), this
/// host's version and the time.
StoredPlugin CurrentProvenance(const PluginRegistry& registry, PluginKind kind,
                               const std::string& id, const std::string& params);

/// Rows for every relation, decoder mode and analyzer `study` uses.
std::vector<StoredPlugin> StudyProvenance(const PreparedStudy& study);

/// Now, UTC, ISO 8601 ("2026-12-03T14:33:08Z"): when a row was written.
std::string UtcNow();

/// The analyzers whose provenance `stored` records but `definition` (a
/// study definition) no longer names, by id: their stored results are kept
/// (nothing computed is lost), and analyze and report say so.
std::vector<std::string> AnalyzersNoLongerNamed(const std::vector<StoredPlugin>& stored,
                                                const std::string& definition);

/// "results of analyzers the study no longer names are kept: a, b", or ""
/// when `ids` is empty.
std::string KeptResultsNote(const std::vector<std::string>& ids);

/// "phase 1.0.0 (library 0123456789abcdef)".
std::string ProvenanceText(const StoredPlugin& row);

}  // namespace geneft
