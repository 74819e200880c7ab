// The parts of the module geneft._geneft, one file each. Each part is a thin
// layer over the host library: it calls what the geneft command calls and
// hands the values to the pure Python package (geneft/*.py), which turns
// them into pandas objects.
#pragma once

#include "cli/commands.h"

#include <pybind11/pybind11.h>

#include <filesystem>
#include <string>
#include <vector>

namespace geneft::python {

namespace py = pybind11;

/// geneft.Error, and its subclasses BadInput and InternalError.
void DefineErrors(py::module_& m);
/// Raises geneft.BadInput for kExitBadInput, else geneft.InternalError,
/// carrying `message` as the command line prints it.
[[noreturn]] void Raise(cli::ExitCode code, const std::string& message);
/// Issues a Python UserWarning per line (a refused plugin library, ...).
void Warn(const std::vector<std::string>& lines);

/// Folders from Python strings (plugin_path=[...]).
std::vector<std::filesystem::path> Paths(const std::vector<std::string>& dirs);

void DefinePlugins(py::module_& m);  // plugins(), describe()
void DefineStore(py::module_& m);    // read_store()
void DefineTheory(py::module_& m);   // theory()
void DefineRun(py::module_& m);      // run_study()

}  // namespace geneft::python
