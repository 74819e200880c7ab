// A study made ready to run: plugins loaded, the sweep expanded into fully
// resolved runs (each validated and hashed), and every relation and decoder
// mode the runs need built once, to be shared read-only by all workers.
#pragma once

#include "plugin/params.h"
#include "plugin/plugin_instances.h"
#include "plugin/plugin_registry.h"
#include "study/study_config.h"
#include "study/sweep.h"

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace geneft {

/// One run of the study, fully resolved.
struct RunSpec {
  size_t index = 0;        ///< position in the expanded study (first axis slowest)
  int64_t replicate = 0;
  StudyConfig config;      ///< the study with this point's values applied; train.seed set
  ParamSet settings;       ///< every setting as analyzers read it ("train.lr_enc", ...)
  std::vector<std::pair<std::string, std::string>> swept;  ///< swept key -> value text
  std::string canonical;   ///< "key = value" lines, sorted: what the hash covers
  std::string hash;        ///< 16 hex digits naming the run in the store
  std::string relation_key;  ///< which shared relation instance
  std::string mode_key;      ///< which shared decoder mode instance
};

struct PreparedStudy {
  StudyConfig config;  ///< the study as written (base of every sweep point)
  SweepSpec sweep;
  std::vector<RunSpec> runs;
  /// "key = value" lines of everything that defines the results: first what
  /// decides training (seed, sweep axes, settings), then the analyzers and
  /// their parameters ("analyzer.N..." lines).
  std::string definition;
  /// The training part of `definition`: a store refuses a study whose
  /// training part differs; a change of analysis only is re-analyzed.
  std::string training_definition;
  std::string fingerprint;  ///< TrainingFingerprint(definition)

  PluginRegistry registry;
  std::vector<std::string> plugin_warnings;  ///< refused libraries on the path
  std::vector<std::string> plugin_notes;     ///< entries skipped on the path (--verbose)
  std::vector<std::unique_ptr<Analyzer>> analyzers;
  std::map<std::string, std::unique_ptr<Relation>> relations;
  std::map<std::string, std::unique_ptr<DecoderMode>> decoder_modes;

  const Relation& RelationOf(const RunSpec& run) const { return *relations.at(run.relation_key); }
  const DecoderMode& DecoderModeOf(const RunSpec& run) const {
    return *decoder_modes.at(run.mode_key);
  }
  /// The first run's relation (what `geneft theory` analyses).
  const Relation& FirstRelation() const { return RelationOf(runs.front()); }
  /// Total training steps of all runs (the study's cost).
  int64_t TotalSteps() const;
};

/// Where a study's plugins come from besides the default plugin path (the
/// host's own folder, GENEFT_PLUGIN_PATH): what the user said on the
/// command line. The study file itself is not trusted to load code.
struct PluginSources {
  // Folders given with --plugin-path, searched after the default path.
  std::vector<std::filesystem::path> extra_dirs;
  // --trust-study-plugins: also load the library files the study names in
  // [study] plugin_files. Off by default, so that `geneft check` on a study
  // file from someone else runs none of their code.
  bool trust_study_files = false;
};

/// Loads plugins from the default path, `sources` and, when trusted, the
/// study's plugin_files; expands and validates every run, and creates the
/// shared instances.
bool PrepareStudy(StudyConfig config, const PluginSources& sources, PreparedStudy* out,
                  std::string* err);

/// Loads every library on `path` into `registry`; refused ones go to
/// *warnings, folder entries skipped as no library file to *notes.
void LoadPluginPath(const std::vector<std::filesystem::path>& path, PluginRegistry* registry,
                    std::vector<std::string>* warnings, std::vector<std::string>* notes);

/// The run's resolved settings as analyzers read them: "model.depth",
/// "train.fraction", "relation.k", "decoder_mode.plugin", ...
ParamSet RunSettings(const StudyConfig& config);

/// "key = value" lines of a ParamSet, sorted by key.
std::string CanonicalText(const ParamSet& settings);

/// The lines of a study definition that decide training (all but the
/// "analyzer." lines), and their hash: the same for a definition of any
/// version, so a store written before analysis was split off still matches.
std::string TrainingPart(const std::string& definition);
std::string TrainingFingerprint(const std::string& definition);

/// The analyzers a study definition names, in order: id -> parameter lines
/// as AnalyzerParamsText writes them.
std::vector<std::pair<std::string, std::string>> AnalyzersInDefinition(
    const std::string& definition);

/// An analyzer's parameters as the study wrote them, "key = value" lines
/// sorted by key: what decides whether its stored results are current.
std::string AnalyzerParamsText(const PluginChoice& analyzer);

}  // namespace geneft
