// Finding plugins on the search path and creating instances.
#include "plugin/plugin_registry.h"

#include "plugin/build_paths.h"
#include "plugin/host.h"
#include "plugin/plugin_instances.h"
#include "util/error_text.h"
#include <geneft/common/names.h>

#include <boost/dll/runtime_symbol_info.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace geneft {
namespace {

// The three factory structs share their first two members' shape; this reads
// them through the right type.
template <class Factory>
bool ReadDescriptors(const void* raw, std::vector<const geneft_plugin_descriptor*>* out) {
  const Factory* factory = static_cast<const Factory*>(raw);
  if (factory->count == nullptr || factory->get_descriptor == nullptr) return false;
  const uint32_t count = factory->count(factory);
  for (uint32_t i = 0; i < count; ++i) out->push_back(factory->get_descriptor(factory, i));
  return true;
}

bool Descriptors(PluginKind kind, const void* factory,
                 std::vector<const geneft_plugin_descriptor*>* out) {
  switch (kind) {
    case PluginKind::kRelation: return ReadDescriptors<geneft_relation_factory>(factory, out);
    case PluginKind::kDecoderMode:
      return ReadDescriptors<geneft_decoder_mode_factory>(factory, out);
    case PluginKind::kAnalyzer: return ReadDescriptors<geneft_analyzer_factory>(factory, out);
  }
  return false;
}

// Whether a folder entry named *.so is a file to load; if not, *why says
// what it is instead.
bool IsLibraryFile(const std::filesystem::path& path, std::string* why) {
  std::error_code status_error, link_error;
  const std::filesystem::file_status target = std::filesystem::status(path, status_error);
  const bool link =
      std::filesystem::is_symlink(std::filesystem::symlink_status(path, link_error));
  if (target.type() == std::filesystem::file_type::not_found)
    return *why = link ? "a symbolic link to a missing file" : "no longer there", false;
  if (status_error)  // a link that loops back on itself: ELOOP
    return *why = (link ? "a symbolic link that never reaches a file: " : "") +
                  ErrorText(status_error),
           false;
  if (std::filesystem::is_directory(target)) return *why = "a directory, not a library file", false;
  if (!std::filesystem::is_regular_file(target)) return *why = "not a regular file", false;
  return true;
}

// Copies a descriptor out of the library, checking what the host relies on.
bool ReadPluginInfo(const geneft_plugin_descriptor* d, PluginKind kind,
                    const std::shared_ptr<PluginLibrary>& library, const void* factory,
                    PluginInfo* info, std::string* err) {
  const std::string where = "plugin [" + library->path().string() + "]";
  if (d == nullptr || d->struct_size < sizeof(geneft_plugin_descriptor)) {
    *err = where + ": a " + std::string(PluginKindName(kind)) +
           " descriptor is null or has a short struct_size";
    return false;
  }
  if (!IsPluginIdentifier(d->id)) {
    *err = where + ": plugin id '" + std::string(d->id ? d->id : "(null)") +
           "' is not made of [a-z0-9_]";
    return false;
  }
  info->kind = kind;
  info->id = d->id;
  info->version = d->version ? d->version : "";
  info->description = d->description ? d->description : "";
  info->library = library;
  info->factory = factory;
  for (uint32_t i = 0; i < d->param_count; ++i) {
    const geneft_param_spec& s = d->params[i];
    if (!IsPluginIdentifier(s.name) || !IsParamType(s.type)) {
      *err = where + ": " + info->qualified_id() + " parameter " + std::to_string(i) +
             " has an invalid name or type";
      return false;
    }
    ParamSpec spec = SpecFromAbi(s);
    ParamValue unused;
    std::string why;
    if (!spec.required && !ParseDefault(spec, &unused, &why)) {
      *err = where + ": " + info->qualified_id() + ": " + why;
      return false;
    }
    info->params.push_back(std::move(spec));
  }
  return true;
}

}  // namespace

const char* PluginKindName(PluginKind kind) {
  switch (kind) {
    case PluginKind::kRelation: return "relation";
    case PluginKind::kDecoderMode: return "decoder_mode";
    case PluginKind::kAnalyzer: return "analyzer";
  }
  return "unknown";
}

bool IsPluginIdentifier(const char* text) {
  if (text == nullptr || *text == '\0') return false;
  for (const char* c = text; *c; ++c)
    if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_')) return false;
  return true;
}

std::string PluginInfo::qualified_id() const {
  return std::string(PluginKindName(kind)) + "." + id;
}

std::string PluginInfo::file() const { return library ? library->path().string() : ""; }

bool PluginRegistry::LoadLibrary(const std::filesystem::path& file, std::string* err) {
  std::shared_ptr<PluginLibrary> library = PluginLibrary::Open(file, err);
  if (!library) return false;
  std::vector<PluginInfo> found;
  for (const PluginKindFactory& k : kPluginKindFactories) {
    const void* factory = library->factory(k.factory_id);
    if (factory == nullptr) continue;
    std::vector<const geneft_plugin_descriptor*> descriptors;
    if (!Descriptors(k.kind, factory, &descriptors)) {
      *err = "plugin [" + file.string() + "]: " + k.factory_id + " factory has null functions";
      return false;
    }
    for (const geneft_plugin_descriptor* d : descriptors) {
      PluginInfo info;
      if (!ReadPluginInfo(d, k.kind, library, factory, &info, err)) return false;
      found.push_back(std::move(info));
    }
  }
  if (found.empty()) {
    *err = "plugin [" + file.string() + "] offers no plugin of a kind this host knows";
    return false;
  }
  for (const PluginInfo& info : found) {
    const auto same = [&](const PluginInfo& p) { return p.kind == info.kind && p.id == info.id; };
    auto clash = std::find_if(plugins_.begin(), plugins_.end(), same);
    if (clash != plugins_.end()) {
      *err = "duplicate plugin id " + info.qualified_id() + ": in [" + file.string() +
             "] and already loaded from [" + clash->library->path().string() + "]";
      return false;
    }
    if (std::count_if(found.begin(), found.end(), same) > 1) {
      *err = "duplicate plugin id " + info.qualified_id() + " twice in [" + file.string() + "]";
      return false;
    }
  }
  for (PluginInfo& info : found) plugins_.push_back(std::move(info));
  return true;
}

bool PluginRegistry::LoadDirectory(const std::filesystem::path& dir, std::string* err,
                                   std::vector<std::string>* notes) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return true;
  bool all_ok = true;
  const auto refuse = [&](const std::string& why) {
    all_ok = false;
    if (err != nullptr) *err += (err->empty() ? "" : "\n") + why;
  };
  // Error codes throughout: one odd entry must not end the listing, nor the
  // command, with an uncaught filesystem_error.
  std::vector<std::filesystem::path> entries;
  std::filesystem::directory_iterator it(dir, ec);
  for (; !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
    if (it->path().extension() == ".so") entries.push_back(it->path());
  if (ec) refuse("unable to list plugin folder [" + dir.string() + "]: " + ErrorText(ec));
  std::sort(entries.begin(), entries.end());
  for (const auto& entry : entries) {
    std::string why;
    if (!IsLibraryFile(entry, &why)) {
      if (notes != nullptr) notes->push_back("skipped [" + entry.string() + "]: " + why);
    } else if (!LoadLibrary(entry, &why)) {
      refuse(why);
    }
  }
  return all_ok;
}

namespace {

std::filesystem::path& OwnPluginDirOverride() {
  static std::filesystem::path dir;
  return dir;
}

}  // namespace

void PluginRegistry::SetOwnPluginDir(const std::filesystem::path& dir) {
  OwnPluginDirOverride() = dir;
}

std::vector<std::filesystem::path> PluginRegistry::DefaultSearchPath() {
  std::vector<std::filesystem::path> path;
  // The folder beside the binary: <prefix>/bin/geneft -> <prefix>/lib/geneft/plugins.
  boost::dll::fs::error_code ec;
  const std::filesystem::path exe = boost::dll::program_location(ec).string();
  if (!OwnPluginDirOverride().empty()) {
    path.push_back(OwnPluginDirOverride());
  } else if (!ec) {
    const std::filesystem::path own = exe.parent_path().parent_path() / GENEFT_INSTALL_LIBDIR /
                                      "geneft" / "plugins";
    path.push_back(own);
    const std::filesystem::path build = GENEFT_BUILD_PLUGIN_DIR;
    if (build != own && std::filesystem::exists(exe.parent_path().parent_path() / "CMakeCache.txt"))
      path.push_back(build);
  }
  if (const char* env = std::getenv("GENEFT_PLUGIN_PATH")) {
    std::string rest = env;
    size_t start = 0;
    while (start <= rest.size()) {
      size_t end = rest.find(':', start);
      if (end == std::string::npos) end = rest.size();
      if (end > start) path.emplace_back(rest.substr(start, end - start));
      start = end + 1;
    }
  }
  return path;
}

const PluginInfo* PluginRegistry::Find(PluginKind kind, std::string_view id) const {
  for (const PluginInfo& p : plugins_)
    if (p.kind == kind && p.id == id) return &p;
  return nullptr;
}

const PluginInfo* PluginRegistry::FindQualified(std::string_view name) const {
  const PluginInfo* bare_match = nullptr;
  int bare_matches = 0;
  for (const PluginInfo& p : plugins_) {
    if (p.qualified_id() == name) return &p;
    if (p.id == name) {
      bare_match = &p;
      ++bare_matches;
    }
  }
  return bare_matches == 1 ? bare_match : nullptr;
}

std::string PluginRegistry::UnknownMessage(PluginKind kind, std::string_view id) const {
  std::vector<std::string> ids;
  for (const PluginInfo& p : plugins_)
    if (p.kind == kind) ids.push_back(p.id);
  const std::string kind_name = PluginKindName(kind);
  return UnknownName(kind_name + " plugin", id, ids,
                     "no " + kind_name + " plugins were found on the plugin path");
}

namespace {

template <class Handle, class Factory, class Abi>
std::unique_ptr<Handle> Create(const PluginInfo* info, const ParamSet& params, std::string* err) {
  const Factory* factory = static_cast<const Factory*>(info->factory);
  ClearPluginError();
  const Abi* abi = factory->create(factory, Host(), info->id.c_str(), &params);
  if (abi == nullptr) {
    *err = info->qualified_id() + ": " + TakePluginError("create() failed without a message");
    return nullptr;
  }
  return std::make_unique<Handle>(abi, info->library, info->id);
}

}  // namespace

std::unique_ptr<Relation> PluginRegistry::CreateRelation(std::string_view id,
                                                         const ParamSet& params,
                                                         std::string* err) const {
  const PluginInfo* info = Find(PluginKind::kRelation, id);
  if (info == nullptr) return *err = UnknownMessage(PluginKind::kRelation, id), nullptr;
  auto relation = Create<Relation, geneft_relation_factory, geneft_relation>(info, params, err);
  if (relation && !relation->Load(err)) {
    *err = info->qualified_id() + ": " + *err;
    return nullptr;
  }
  return relation;
}

std::unique_ptr<DecoderMode> PluginRegistry::CreateDecoderMode(std::string_view id,
                                                               const ParamSet& params,
                                                               std::string* err) const {
  const PluginInfo* info = Find(PluginKind::kDecoderMode, id);
  if (info == nullptr) return *err = UnknownMessage(PluginKind::kDecoderMode, id), nullptr;
  return Create<DecoderMode, geneft_decoder_mode_factory, geneft_decoder_mode>(info, params, err);
}

std::unique_ptr<Analyzer> PluginRegistry::CreateAnalyzer(std::string_view id,
                                                         const ParamSet& params,
                                                         std::string* err) const {
  const PluginInfo* info = Find(PluginKind::kAnalyzer, id);
  if (info == nullptr) return *err = UnknownMessage(PluginKind::kAnalyzer, id), nullptr;
  return Create<Analyzer, geneft_analyzer_factory, geneft_analyzer>(info, params, err);
}

namespace {

bool ParamsFromText(const PluginRegistry& registry, PluginKind kind, std::string_view id,
                    std::string_view text, ParamSet* params, std::string* err) {
  const PluginInfo* info = registry.Find(kind, id);
  if (info == nullptr) return *err = registry.UnknownMessage(kind, id), false;
  if (!ParseParams(info->params, text, params, err)) {
    *err = info->qualified_id() + ": " + *err;
    return false;
  }
  return true;
}

}  // namespace

std::unique_ptr<Relation> PluginRegistry::CreateRelation(std::string_view id,
                                                         std::string_view toml_params,
                                                         std::string* err) const {
  ParamSet params;
  if (!ParamsFromText(*this, PluginKind::kRelation, id, toml_params, &params, err)) return nullptr;
  return CreateRelation(id, params, err);
}

std::unique_ptr<DecoderMode> PluginRegistry::CreateDecoderMode(std::string_view id,
                                                               std::string_view toml_params,
                                                               std::string* err) const {
  ParamSet params;
  if (!ParamsFromText(*this, PluginKind::kDecoderMode, id, toml_params, &params, err))
    return nullptr;
  return CreateDecoderMode(id, params, err);
}

std::unique_ptr<Analyzer> PluginRegistry::CreateAnalyzer(std::string_view id,
                                                         std::string_view toml_params,
                                                         std::string* err) const {
  ParamSet params;
  if (!ParamsFromText(*this, PluginKind::kAnalyzer, id, toml_params, &params, err)) return nullptr;
  return CreateAnalyzer(id, params, err);
}

}  // namespace geneft
