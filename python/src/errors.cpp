// The exceptions: geneft.Error, with BadInput (what the command line exits 2
// for: a bad study, setting, plugin name, a store another geneft writes) and
// InternalError (exit 1: a file that cannot be written, a plugin crash).
#include "bindings.h"

namespace geneft::python {
namespace {

// Owned by the module's attributes as well, so they live as long as it.
PyObject* g_bad_input = nullptr;
PyObject* g_internal = nullptr;

PyObject* NewError(py::module_& m, const char* name, const char* doc, PyObject* base) {
  const std::string qualified = std::string("geneft.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, base, nullptr);
  if (type == nullptr) throw py::error_already_set();
  m.attr(name) = py::handle(type);
  return type;
}

}  // namespace

void DefineErrors(py::module_& m) {
  PyObject* error = NewError(m, "Error", "A geneft failure; the message is the geneft command's.",
                             PyExc_Exception);
  g_bad_input = NewError(m, "BadInput",
                         "Bad input: a study, setting, plugin name or store the user can fix.",
                         error);
  g_internal = NewError(m, "InternalError",
                        "An internal failure: a file that cannot be written, a plugin crash.",
                        error);
}

void Raise(cli::ExitCode code, const std::string& message) {
  PyErr_SetString(code == cli::kExitBadInput ? g_bad_input : g_internal, message.c_str());
  throw py::error_already_set();
}

void Warn(const std::vector<std::string>& lines) {
  for (const std::string& line : lines)
    if (PyErr_WarnEx(PyExc_UserWarning, line.c_str(), 1) != 0) throw py::error_already_set();
}

}  // namespace geneft::python
