// A study made ready to run: plugins loaded, tables validated, the relation
// built once and every instance that runs only read.
#pragma once

#include "params.h"
#include "plugin_instances.h"
#include "plugin_registry.h"
#include "study_config.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace geneft {

struct PreparedStudy {
  StudyConfig config;
  PluginRegistry registry;
  std::unique_ptr<Relation> relation;
  std::unique_ptr<DecoderMode> decoder_mode;
  std::vector<std::unique_ptr<Analyzer>> analyzers;
  /// Libraries on the path that were refused (not fatal unless the study needs them).
  std::vector<std::string> plugin_warnings;
};

/// Loads plugins from the study's search path plus `extra_plugin_dirs`,
/// validates the study against their schemas and creates the instances.
bool PrepareStudy(StudyConfig config, const std::vector<std::filesystem::path>& extra_plugin_dirs,
                  PreparedStudy* out, std::string* err);

/// Loads every library on `path` into `registry`; refused ones go to *warnings.
void LoadPluginPath(const std::vector<std::filesystem::path>& path, PluginRegistry* registry,
                    std::vector<std::string>* warnings);

/// The run's resolved settings as analyzers read them: "model.depth",
/// "train.fraction", "relation.k", "decoder_mode.<param>", ...
ParamSet RunSettings(const StudyConfig& config);

}  // namespace geneft
