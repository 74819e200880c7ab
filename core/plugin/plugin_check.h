// `geneft plugins --check FILE.so`: loads one plugin library on its own and
// exercises every plugin in it the way the host will, so that a plugin
// author learns what is wrong before a study does.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace geneft {

/// One check's outcome, printed as one line.
struct PluginCheckLine {
  bool ok = false;
  std::string text;  ///< "relation 'divides': get_labels: 144 labels in 0..1"
};

/// Opens `path` (not through the search path, so it may be anywhere) with
/// the loader's own opener, one line per step (PluginLibrary::Open: ELF
/// headers and the system loader, entry point, ABI version, entry functions, init);
/// then checks that `geneft_entry` is the only exported symbol and, for
/// each factory kind the host knows, each descriptor (id, version,
/// description, parameter schema and defaults) and a create/destroy cycle
/// with default parameters (relations: get_info, get_labels with range,
/// property and short-buffer checks, element names; decoder modes:
/// input_width, forward and backward on a small batch, backward against
/// finite differences; analyzers: the stages offered). A step of the opener
/// that fails ends the list, as it ends loading.
/// Appends one line per check to *lines; returns true if none failed.
/// [main-thread]: it loads and unloads the library.
bool CheckPluginLibrary(const std::filesystem::path& path, std::vector<PluginCheckLine>* lines);

}  // namespace geneft
