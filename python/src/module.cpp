// geneft._geneft: the host library for Python. The package beside it
// (geneft/__init__.py) is what a user imports.
#include "bindings.h"
#include "plugin/plugin_registry.h"

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

namespace geneft::python {

std::vector<std::filesystem::path> Paths(const std::vector<std::string>& dirs) {
  return {dirs.begin(), dirs.end()};
}

}  // namespace geneft::python

PYBIND11_MODULE(_geneft, m) {
  namespace gp = geneft::python;
  m.doc() = "The geneft host library; import geneft, not this module.";
  m.attr("version") = GENEFT_VERSION;
  m.def("set_own_plugin_dir", &geneft::PluginRegistry::SetOwnPluginDir, gp::py::arg("dir"),
        "Names the folder of geneft's own plugins (the package does this on import).");
  gp::DefineErrors(m);
  gp::DefinePlugins(m);
  gp::DefineStore(m);
  gp::DefineTheory(m);
  gp::DefineRun(m);
}
