// One loaded plugin library: opened with Boost.DLL, its ABI version checked,
// init() called. Unloaded (deinit, dlclose) when the last shared_ptr goes,
// which every plugin instance created from it holds.
#pragma once

#include <geneft/geneft_plugin.h>

#include <boost/dll/shared_library.hpp>

#include <filesystem>
#include <memory>
#include <string>

namespace geneft {

class PluginLibrary {
 public:
  /// Opens `path` and validates its entry. On failure returns nullptr and
  /// sets *err: "unable to open plugin [path]: <reason>", "no entry point
  /// [geneft_entry] in plugin [path]", "plugin [path] was built for ABI
  /// 2.0.0; this host speaks ABI 1.0.0 (major must match)", ...
  static std::shared_ptr<PluginLibrary> Open(const std::filesystem::path& path,
                                             std::string* err);
  ~PluginLibrary();
  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  const std::filesystem::path& path() const { return path_; }
  geneft_version abi_version() const { return entry_->abi_version; }
  /// The library's factory for `factory_id`, or nullptr.
  const void* factory(const char* factory_id) const;

 private:
  PluginLibrary() = default;
  std::filesystem::path path_;
  boost::dll::shared_library library_;
  const geneft_plugin_entry* entry_ = nullptr;
  bool initialized_ = false;
};

/// The host's own ABI version.
geneft_version HostAbiVersion();
std::string VersionString(const geneft_version& v);

/// The rule: same major, plugin minor <= host minor. Sets *why when refused.
bool IsAbiCompatible(const geneft_version& plugin, const geneft_version& host, std::string* why);

}  // namespace geneft
