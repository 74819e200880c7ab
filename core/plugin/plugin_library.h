// One loaded plugin library: the one opener every library goes through, for
// the registry and for `plugins --check` alike. Unloaded (deinit, then Boost.DLL unloads)
// when the last shared_ptr goes, which every plugin instance created from it
// holds.
#pragma once

#include <geneft/geneft_plugin.h>

#include <boost/dll/shared_library.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace geneft {

/// One step of opening a library, in words for a plugin author.
struct OpenStep {
  bool ok = false;
  std::string text;  ///< "ABI 1.1.0 is compatible with this host's ABI 1.1.0"
};

class PluginLibrary {
 public:
  /// Opens `path` in these steps and refuses it at the first that fails:
  ///  1. opens: the file is an ELF shared library this machine can map
  ///     (elf_file.h), and Boost.DLL (rtld_now | rtld_local) loads it;
  ///  2. entry point: the library defines GENEFT_ENTRY_SYMBOL;
  ///  3. ABI version: IsAbiCompatible with this host's;
  ///  4. entry functions: init and get_factory are set; deinit may be NULL
  ///     (the rule in geneft/entry.h);
  ///  5. init() returns 1.
  /// On failure returns nullptr and sets *err: "unable to open plugin [path]:
  /// truncated: ...", "no entry point [geneft_entry] in plugin [path]",
  /// "plugin [path] built for ABI 2.0.0; this host speaks ABI 1.1.0 (...)",
  /// "error during initialization of plugin [path]: <its message>". When
  /// `steps` is given, appends one line per step tried (`plugins --check`).
  /// [main-thread]
  static std::shared_ptr<PluginLibrary> Open(const std::filesystem::path& path, std::string* err,
                                             std::vector<OpenStep>* steps = nullptr);
  ~PluginLibrary();
  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  const std::filesystem::path& path() const { return path_; }
  geneft_version abi_version() const { return entry_->abi_version; }
  /// Whether unloading calls the entry's deinit() (it may be NULL).
  bool has_deinit() const { return entry_->deinit != nullptr; }
  /// The library's factory for `factory_id`, or nullptr.
  const void* factory(const char* factory_id) const;

 private:
  PluginLibrary() = default;
  std::filesystem::path path_;
  boost::dll::shared_library library_;  ///< unloaded after deinit
  const geneft_plugin_entry* entry_ = nullptr;
  bool initialized_ = false;
};

/// The host's own ABI version.
geneft_version HostAbiVersion();
std::string VersionString(const geneft_version& v);

/// The rule: same major, plugin minor <= host minor. Sets *why when refused.
bool IsAbiCompatible(const geneft_version& plugin, const geneft_version& host, std::string* why);

}  // namespace geneft
