// Opening one plugin library and vetting its entry point, step by step.
#include "plugin/plugin_library.h"

#include "plugin/elf_file.h"
#include "plugin/host.h"

#include <boost/dll/shared_library.hpp>

namespace geneft {
namespace {

// The steps of one Open(). A step passes with a line for `plugins --check`,
// or fails in two wordings: the loader's error, which names the file, and
// the check's line, which may add how to fix it.
class StepLog {
 public:
  explicit StepLog(std::vector<OpenStep>* steps) : steps_(steps) {}
  void Pass(std::string text) {
    if (steps_ != nullptr) steps_->push_back({true, std::move(text)});
  }
  std::nullptr_t Fail(std::string check_line, std::string error, std::string* err) {
    if (steps_ != nullptr) steps_->push_back({false, std::move(check_line)});
    *err = std::move(error);
    return nullptr;
  }

 private:
  std::vector<OpenStep>* steps_;
};

// The system loader's refusal in words. Boost.DLL's throwing load() carries
// dlerror()'s text as "(dlerror system message: TEXT)"; its error code alone
// says "Bad file descriptor" whatever happened. dlerror's text starts with
// the path of the object it concerns: ours is dropped as redundant; another
// one is a dependency.
std::string LoaderFailure(const std::string& opened, const std::string& what) {
  static const std::string kMarker = "(dlerror system message: ";
  const size_t begin = what.find(kMarker);
  const size_t end = what.rfind(')');
  if (begin == std::string::npos || end == std::string::npos || end < begin + kMarker.size())
    return "the system loader refused it (" + what + ")";
  const std::string text = what.substr(begin + kMarker.size(), end - begin - kMarker.size());
  if (text.rfind(opened + ": ", 0) == 0) return text.substr(opened.size() + 2);
  return "dependency " + text;
}

}  // namespace

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
                                                   std::string* err,
                                                   std::vector<OpenStep>* steps) {
  StepLog log(steps);
  const std::string file = path.string();
  std::shared_ptr<PluginLibrary> lib(new PluginLibrary());
  lib->path_ = path;

  // 1. The ELF headers first: the system loader would map a truncated file
  // and die of SIGBUS. An absolute name, or the loader would search the system's
  // library folders for a bare "t.so".
  std::string summary, why;
  const std::string opened = std::filesystem::absolute(path).string();
  if (CheckLoadableElf(path, &summary, &why)) {
    // rtld_local: a plugin's symbols never satisfy another plugin's references.
    try {
      lib->library_.load(boost::dll::fs::path(opened),
                         boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    } catch (const boost::dll::fs::system_error& e) {
      why = LoaderFailure(opened, e.what());
    }
  }
  if (!lib->library_.is_loaded()) {
    const std::string message = "unable to open plugin [" + file + "]: " + why;
    return log.Fail(message, message, err);
  }
  log.Pass("opens [" + file + "]: " + summary);

  // 2. The entry point.
  if (lib->library_.has(GENEFT_ENTRY_SYMBOL))
    lib->entry_ = &lib->library_.get<const geneft_plugin_entry>(GENEFT_ENTRY_SYMBOL);
  if (lib->entry_ == nullptr)
    return log.Fail("no entry point [" GENEFT_ENTRY_SYMBOL "]: export one "
                    "`GENEFT_EXPORT const geneft_plugin_entry geneft_entry` (the C++ helper's "
                    "GENEFT_PLUGIN_LIBRARY does) and build with geneft_add_plugin()",
                    "no entry point [" GENEFT_ENTRY_SYMBOL "] in plugin [" + file + "]", err);
  log.Pass("entry point [" GENEFT_ENTRY_SYMBOL "]");

  // 3. The ABI version.
  if (!IsAbiCompatible(lib->entry_->abi_version, HostAbiVersion(), &why))
    return log.Fail("ABI version: " + why, "plugin [" + file + "] " + why, err);
  log.Pass("ABI " + VersionString(lib->entry_->abi_version) +
           " is compatible with this host's ABI " + VersionString(HostAbiVersion()));

  // 4. The entry's functions.
  if (lib->entry_->init == nullptr || lib->entry_->get_factory == nullptr)
    return log.Fail("the entry's init and get_factory must be non-NULL (deinit may be NULL)",
                    "plugin [" + file + "] has an incomplete entry (init or get_factory is null)",
                    err);
  log.Pass(lib->has_deinit() ? "entry functions: init, get_factory, deinit"
                             : "entry functions: init, get_factory; deinit is NULL (nothing to "
                               "release before unloading)");

  // 5. init().
  ClearPluginError();
  if (lib->entry_->init(Host(), file.c_str()) == 0) {
    const std::string message = TakePluginError("init() returned 0 without a message");
    return log.Fail("init() returned 0, refusing to load: " + message,
                    "error during initialization of plugin [" + file + "]: " + message, err);
  }
  lib->initialized_ = true;
  log.Pass("init() accepts");
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
