// What `geneft report` reads from a results store: the study's description,
// every stored run with its settings and analyzer results, the study-level
// results and series, and, for the few runs a report draws, their
// trajectories and embeddings. Reading only; a study still running may be
// read at any time and shows what it has stored so far.
#pragma once

#include "store/store_reader.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace geneft::report {

/// One row of run_settings.
struct Setting {
  std::string value;                 ///< canonical text ("0.001", "'concat'")
  std::optional<double> number;      ///< set when the value is numeric
  bool swept = false;                ///< the sweep chose this value
};

/// One row of results: an analyzer's scalar or text ("phase.phase").
struct ResultValue {
  std::optional<double> number;
  std::string text;
};

/// One row of runs, with its settings and analyzer results.
struct Run {
  std::string hash;
  int64_t index = 0, replicate = 0, seed = 0;
  std::string status;  ///< completed, stopped_early, diverged, failed
  std::string reason;
  int64_t steps_budget = -1, steps_done = -1;  ///< -1 when not stored
  double final_loss = 0, train_accuracy = 0, test_accuracy = 0, all_accuracy = 0;  ///< NaN if absent
  double seconds = 0;
  std::map<std::string, Setting> settings;
  std::map<std::string, ResultValue> results;

  /// The numeric value of setting `key`, if the run has one.
  std::optional<double> Number(const std::string& key) const;
  /// The text of setting `key` with TOML quotes removed, or "".
  std::string Text(const std::string& key) const;
  /// The analyzer text result `name` ("phase.phase"), or "".
  std::string ResultText(const std::string& name) const;
  std::optional<double> ResultNumber(const std::string& name) const;
  /// Stored as a failed run (never trained: no accuracies).
  bool Failed() const { return status == "failed"; }
};

/// A run's final embedding: one row per element, `values` dims wide.
struct Embedding {
  std::vector<std::string> names;
  std::vector<std::vector<double>> values;
  int dims = 0;
};

struct ReportData {
  std::string store_path;
  std::map<std::string, std::string> study;  ///< the study table: name, text, run_count...
  std::vector<std::string> swept_keys;       ///< in the study's order, without "replicate"
  std::vector<Run> runs;                     ///< by run_index, replicate
  std::map<std::string, ResultValue> study_results;              ///< run_hash ''
  std::map<std::string, std::vector<SeriesPoint>> study_series;  ///< run_hash ''
  /// Where results came from: one row per relation, decoder mode and
  /// analyzer; empty for a store of schema 1 (provenance unknown).
  std::vector<StoredPlugin> plugins;

  /// The names of every per-run scalar result, sorted ("phase.code", ...).
  std::vector<std::string> RunScalarNames() const;

  /// The study table's value for `key`, or "".
  std::string StudyValue(const std::string& key) const;
  /// run_count from the study table (runs the definition plans), or -1.
  int64_t PlannedRuns() const;
};

/// Reads everything but trajectories and embeddings. On failure returns false
/// with *err naming the store and the reason.
bool LoadReportData(StoreReader& store, const std::string& store_path, ReportData* data,
                    std::string* err);

/// The stored final embedding of one run (no rows when none was stored).
bool LoadEmbedding(StoreReader& store, const std::string& run_hash, Embedding* out,
                   std::string* err);

}  // namespace geneft::report
