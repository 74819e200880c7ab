// A study file: which relation, decoder mode and analyzers, with the model and
// training options. Parsing checks the host's own tables; ResolvePlugins then
// checks each plugin's table against that plugin's declared schema.
#pragma once

#include "plugin/params.h"
#include "plugin/plugin_registry.h"
#include "train/train_options.h"

#include <toml++/toml.h>

#include <filesystem>
#include <string>
#include <vector>

namespace geneft {

/// Options of the study as a whole: the [study] table.
struct StudyOptions {
  // A short name used in reports and the default store file name.
  std::string name = "study";
  // One line saying what the study is for (which paper figure it redoes).
  std::string description;
  // Plugin library files the study needs beyond the plugin path, each
  // relative to the study file's folder. A study file may come from anyone,
  // and reading one must not run its author's code: these load only when the
  // user passes --trust-study-plugins (README, "Plugins").
  std::vector<std::string> plugin_files;
  // Seed of the study. Each run's seed is derived from it and the run's own
  // settings (never from the order runs execute in); [sweep] replicates
  // gives repeated runs of one setting different seeds.
  uint64_t seed = 0;
};

/// A plugin chosen by a table with a `plugin = "id"` key; the table's other
/// keys are the plugin's parameters.
struct PluginChoice {
  std::string id;
  toml::table table;  ///< the raw table, parameters included
  SourceRef source;   ///< for error messages
  ParamSet params;    ///< filled by ResolvePlugins
};

struct StudyConfig {
  std::filesystem::path file;  ///< as given on the command line
  std::string text;            ///< the file's full text (stored with results)
  toml::table root;            ///< the parsed file; sweep points are edits of it
  StudyOptions study;
  PluginChoice relation;      ///< [relation]
  PluginChoice decoder_mode;  ///< [decoder_mode]; default plugin "concat"
  std::vector<PluginChoice> analyzers;  ///< [[analyzer]], in order
  ModelOptions model;         ///< [model]
  TrainOptions train;         ///< [train]
};

/// Reads and checks a study file: TOML syntax, known tables and keys, types,
/// and the options' IsValid(). Errors name file, line and key.
bool LoadStudy(const std::filesystem::path& file, StudyConfig* config, std::string* err);

/// Same, from text (tests; `name` stands in for the file name in messages).
bool ParseStudy(std::string_view text, const std::string& name, StudyConfig* config,
                std::string* err);

/// Same, from an already parsed document (one sweep point of a study).
bool ParseStudyTable(const toml::table& root, const std::string& name, StudyConfig* config,
                     std::string* err);

/// Loads the libraries the study names in [study] plugin_files, each relative
/// to the study file's folder, if the user trusts the study (`trusted`).
/// Without that trust a study naming any is refused before anything loads:
/// "s.toml:5: [study] plugin_files names 1 plugin library (lib/x.so), and a
/// study file loads no code on its own: ...". A library that does not load is
/// refused naming the study's line and the library's reason.
bool LoadStudyPluginFiles(const StudyConfig& config, bool trusted, PluginRegistry* registry,
                          std::string* err);

/// Checks every plugin table against its plugin's schema and fills params.
bool ResolvePlugins(const PluginRegistry& registry, StudyConfig* config, std::string* err);

}  // namespace geneft
