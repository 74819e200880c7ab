// Opening one plugin library and vetting its entry point.
#include "plugin/plugin_library.h"

#include "plugin/host.h"

#include <boost/dll/import.hpp>

namespace geneft {

geneft_version HostAbiVersion() { return GENEFT_ABI_VERSION_INIT; }

std::string VersionString(const geneft_version& v) {
  return std::to_string(v.major) + "." + std::to_string(v.minor) + "." + std::to_string(v.patch);
}

bool IsAbiCompatible(const geneft_version& plugin, const geneft_version& host, std::string* why) {
  if (plugin.major != host.major) {
    *why = "built for ABI " + VersionString(plugin) + "; this host speaks ABI " +
           VersionString(host) + " (the major version must match: rebuild the plugin)";
    return false;
  }
  if (plugin.minor > host.minor) {
    *why = "built for ABI " + VersionString(plugin) + ", newer than this host's ABI " +
           VersionString(host) + " (upgrade geneft or build the plugin against this SDK)";
    return false;
  }
  return true;
}

std::shared_ptr<PluginLibrary> PluginLibrary::Open(const std::filesystem::path& path,
                                                   std::string* err) {
  std::shared_ptr<PluginLibrary> lib(new PluginLibrary());
  lib->path_ = path;
  boost::dll::fs::error_code ec;
  // rtld_local: a plugin's symbols never satisfy another plugin's references.
  lib->library_.load(boost::dll::fs::path(path.string()), ec,
                     boost::dll::load_mode::rtld_local | boost::dll::load_mode::rtld_now);
  if (ec) {
    *err = "unable to open plugin [" + path.string() + "]: " + ec.message();
    return nullptr;
  }
  if (!lib->library_.has(GENEFT_ENTRY_SYMBOL)) {
    *err = "no entry point [" GENEFT_ENTRY_SYMBOL "] in plugin [" + path.string() + "]";
    return nullptr;
  }
  lib->entry_ = &lib->library_.get<const geneft_plugin_entry>(GENEFT_ENTRY_SYMBOL);
  std::string why;
  if (!IsAbiCompatible(lib->entry_->abi_version, HostAbiVersion(), &why)) {
    *err = "plugin [" + path.string() + "] " + why;
    return nullptr;
  }
  if (lib->entry_->init == nullptr || lib->entry_->get_factory == nullptr) {
    *err = "plugin [" + path.string() + "] has an incomplete entry (init or get_factory is null)";
    return nullptr;
  }
  ClearPluginError();
  if (lib->entry_->init(Host(), path.string().c_str()) == 0) {
    *err = "error during initialization of plugin [" + path.string() +
           "]: " + TakePluginError("init() returned 0 without a message");
    return nullptr;
  }
  lib->initialized_ = true;
  return lib;
}

PluginLibrary::~PluginLibrary() {
  if (initialized_ && entry_->deinit != nullptr) entry_->deinit();
  // library_ unloads itself afterwards.
}

const void* PluginLibrary::factory(const char* factory_id) const {
  return entry_->get_factory(factory_id);
}

}  // namespace geneft
