#include "cli/plugin_lookup.h"

#include "cli/options.h"
#include "study/prepared_study.h"
#include "util/edit_distance.h"

namespace geneft::cli {

bool FindPlugins(const std::vector<std::filesystem::path>& search_path, PluginRegistry* registry,
                 std::vector<std::string>* warnings, std::string* err) {
  LoadPluginPath(search_path, registry, warnings);
  if (!registry->plugins().empty()) return true;
  *err = "no plugins found; searched: " + JoinPaths(search_path);
  return false;
}

const PluginInfo* FindPluginByName(const PluginRegistry& registry, const std::string& name,
                                   std::string* err) {
  if (const PluginInfo* p = registry.FindQualified(name)) return p;
  std::vector<std::string> ids;
  for (const PluginInfo& q : registry.plugins()) ids.push_back(q.qualified_id());
  *err = "unknown or ambiguous plugin '" + name + "'" + DidYouMean(name, ids);
  return nullptr;
}

}  // namespace geneft::cli
