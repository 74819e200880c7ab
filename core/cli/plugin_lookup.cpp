#include "cli/plugin_lookup.h"

#include "cli/options.h"
#include "study/prepared_study.h"
#include <geneft/common/names.h>

namespace geneft::cli {

bool FindPlugins(const std::vector<std::filesystem::path>& search_path, PluginRegistry* registry,
                 std::vector<std::string>* warnings, std::vector<std::string>* notes,
                 std::string* err) {
  LoadPluginPath(search_path, registry, warnings, notes);
  if (!registry->plugins().empty()) return true;
  *err = "no plugins found; searched: " + JoinPaths(search_path);
  return false;
}

const PluginInfo* FindPluginByName(const PluginRegistry& registry, const std::string& name,
                                   std::string* err) {
  if (const PluginInfo* p = registry.FindQualified(name)) return p;
  // A bare id is compared with bare ids, a qualified one with qualified ids.
  const bool qualified = name.find('.') != std::string::npos;
  std::vector<std::string> ids, same_id;
  for (const PluginInfo& q : registry.plugins()) {
    ids.push_back(qualified ? q.qualified_id() : q.id);
    if (q.id == name) same_id.push_back(q.qualified_id());
  }
  if (same_id.size() > 1) {
    std::string choices;
    for (const std::string& s : same_id) choices += (choices.empty() ? "" : " or ") + s;
    *err = "plugin id '" + name + "' is ambiguous: write " + choices;
  } else {
    *err = UnknownName("plugin", name, ids);
  }
  return nullptr;
}

}  // namespace geneft::cli
