// plugins() and describe(): what `geneft plugins` lists and `geneft describe`
// shows, found on the same search path.
#include "bindings.h"
#include "cli/options.h"
#include "cli/plugin_lookup.h"
#include "study/prepared_study.h"

#include <pybind11/stl.h>

namespace geneft::python {
namespace {

std::vector<std::filesystem::path> SearchPath(const std::vector<std::string>& plugin_path) {
  cli::CommonOptions common;
  common.plugin_dirs = plugin_path;
  return cli::SearchPath(common);
}

py::dict Summary(const PluginInfo& p) {
  py::dict d;
  d["kind"] = PluginKindName(p.kind);
  d["id"] = p.id;
  d["version"] = p.version;
  d["file"] = p.file();
  d["description"] = p.description;
  return d;
}

// One dict per plugin: kind, id, version, file, description.
py::list Plugins(const std::vector<std::string>& plugin_path) {
  PluginRegistry registry;
  std::vector<std::string> warnings, notes;
  std::string err;
  const bool found = cli::FindPlugins(SearchPath(plugin_path), &registry, &warnings, &notes, &err);
  Warn(warnings);
  if (!found) Raise(cli::kExitBadInput, err);
  py::list out;
  for (const PluginInfo& p : registry.plugins()) out.append(Summary(p));
  return out;
}

// The plugin's summary, its qualified id, and its parameters (name, type,
// default, required, help).
py::dict Describe(const std::string& name, const std::vector<std::string>& plugin_path) {
  PluginRegistry registry;
  std::vector<std::string> warnings, notes;
  LoadPluginPath(SearchPath(plugin_path), &registry, &warnings, &notes);
  std::string err;
  const PluginInfo* p = cli::FindPluginByName(registry, name, &err);
  if (p == nullptr) Raise(cli::kExitBadInput, err);
  py::dict d = Summary(*p);
  d["qualified_id"] = p->qualified_id();
  py::list params;
  for (const ParamSpec& s : p->params) {
    py::dict param;
    param["name"] = s.name;
    param["type"] = ParamTypeName(s.type);
    param["default"] = s.required ? py::object(py::none()) : py::object(py::str(s.default_literal));
    param["required"] = s.required;
    param["help"] = s.help;
    params.append(param);
  }
  d["params"] = params;
  return d;
}

}  // namespace

void DefinePlugins(py::module_& m) {
  m.def("plugins", &Plugins, py::arg("plugin_path"),
        "Every plugin on the search path, as `geneft plugins` lists them.");
  m.def("describe", &Describe, py::arg("name"), py::arg("plugin_path"),
        "A plugin and its parameters, as `geneft describe NAME` shows them.");
}

}  // namespace geneft::python
