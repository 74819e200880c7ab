// The plugins `geneft plugins` lists and `geneft describe` finds, as values:
// the commands print them and the Python module returns them.
#pragma once

#include "plugin/plugin_registry.h"

#include <filesystem>
#include <string>
#include <vector>

namespace geneft::cli {

/// Loads every library on `search_path` into *registry; each refused one
/// adds a line to *warnings, each folder entry skipped as no library one to
/// *notes. False with *err when no plugin was found.
bool FindPlugins(const std::vector<std::filesystem::path>& search_path, PluginRegistry* registry,
                 std::vector<std::string>* warnings, std::vector<std::string>* notes,
                 std::string* err);

/// The plugin `name` names ("relation.mod_k", or a bare id no other kind
/// uses), or nullptr with *err: a bare id two kinds share is ambiguous (the
/// qualified choices are named); an unknown one gets the nearest name.
const PluginInfo* FindPluginByName(const PluginRegistry& registry, const std::string& name,
                                   std::string* err);

}  // namespace geneft::cli
