// What `geneft theory` computes, as values: the command prints them and the
// Python module returns them, so the two cannot differ.
#pragma once

#include "analyze/analysis.h"
#include "cli/commands.h"
#include "study/prepared_study.h"

#include <filesystem>
#include <string>
#include <vector>

namespace geneft::cli {

/// What to predict for: a study file, or a relation plugin with settings.
struct TheoryRequest {
  /// A study file; its relation and settings are analysed. Empty: `relation`.
  std::filesystem::path study_file;
  /// A relation plugin id ("mod_k"), used when study_file is empty.
  std::string relation;
  /// KEY=TOML_VALUE each: a relation parameter ("k=5" or "relation.k=5") or
  /// another setting ("train.lr_enc=1e-3"). Only with `relation`.
  std::vector<std::string> sets;
  /// Plugin folders searched last (--plugin-path), and whether the study's
  /// plugin_files may load (--trust-study-plugins).
  PluginSources plugin_sources;
  /// Called after each result an analyzer writes (may be empty): lets the
  /// caller show quick results while a slow one is still computed.
  ResultObserver observer;
};

/// What loading the plugins met: refused libraries, skipped folder entries.
struct PluginMessages {
  std::vector<std::string> warnings, notes;
};

/// The predictions of the study's analyzers that have a relation stage, or,
/// when the study names none, of every analyzer found that has one (with its
/// default parameters), for the first run's relation and settings. On
/// failure returns false with *err and *code: kExitBadInput for a bad study,
/// setting or plugin, kExitInternal when an analyzer cannot be created,
/// kExitRunsFailed when an analyzer failed (*out then holds the others'
/// predictions). An analyzer without an answer for the relation is a note
/// in out->notes, not a failure.
/// *messages gets what loading the plugins met, success or not.
bool PredictTheory(const TheoryRequest& request, AnalysisResults* out, PluginMessages* messages,
                   ExitCode* code, std::string* err);

}  // namespace geneft::cli
