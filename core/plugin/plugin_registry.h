// Every plugin the host found, by kind and id, and how to create instances.
#pragma once

#include "plugin/params.h"
#include "plugin/plugin_library.h"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace geneft {

enum class PluginKind { kRelation, kDecoderMode, kAnalyzer };

/// "relation", "decoder_mode", "analyzer".
const char* PluginKindName(PluginKind kind);

/// Every kind with the factory id its libraries answer to, in PluginKind order.
struct PluginKindFactory {
  PluginKind kind;
  const char* factory_id;  ///< GENEFT_RELATION_FACTORY_ID, ...
};
inline constexpr PluginKindFactory kPluginKindFactories[] = {
    {PluginKind::kRelation, GENEFT_RELATION_FACTORY_ID},
    {PluginKind::kDecoderMode, GENEFT_DECODER_MODE_FACTORY_ID},
    {PluginKind::kAnalyzer, GENEFT_ANALYZER_FACTORY_ID},
};

/// A plugin id or parameter name as the ABI allows them: [a-z0-9_]+.
bool IsPluginIdentifier(const char* text);

/// One plugin as the registry knows it; keeps its library loaded.
struct PluginInfo {
  PluginKind kind = PluginKind::kRelation;
  std::string id;  ///< "mod_k"
  std::string version;
  std::string description;
  std::vector<ParamSpec> params;
  std::shared_ptr<PluginLibrary> library;
  const void* factory = nullptr;  ///< the kind's C factory, owned by the library

  std::string qualified_id() const;  ///< "relation.mod_k"
  std::string file() const;  ///< the library it came from
};

class Relation;
class DecoderMode;
class Analyzer;

class PluginRegistry {
 public:
  /// Loads every shared library in `dir` (non-recursive, sorted by name).
  /// A missing folder is not an error. Each refused library adds one line
  /// to *err and the rest still load; returns false if any was refused. An
  /// entry named *.so that is no library file (a directory, a dangling or
  /// self-referencing symbolic link) is skipped with a line in *notes, if
  /// given: never an error, since it is no library someone meant to load.
  bool LoadDirectory(const std::filesystem::path& dir, std::string* err,
                     std::vector<std::string>* notes = nullptr);

  /// Loads one library and registers its plugins. Refuses a duplicate id of
  /// the same kind, naming both files.
  bool LoadLibrary(const std::filesystem::path& file, std::string* err);

  /// The default search path, in order: the build's or install's own plugin
  /// folder, then each folder of GENEFT_PLUGIN_PATH (':'-separated).
  static std::vector<std::filesystem::path> DefaultSearchPath();

  /// Names the own plugin folder for a host that is not the geneft binary
  /// (the Python module, loaded by python3: its folder says nothing of where
  /// geneft is installed). Until then, and for an empty `dir`, the own folder
  /// is <binary>/../lib/geneft/plugins. [main-thread, before any search]
  static void SetOwnPluginDir(const std::filesystem::path& dir);

  const PluginInfo* Find(PluginKind kind, std::string_view id) const;
  /// Finds "relation.mod_k" or a bare id if it is unique across kinds.
  const PluginInfo* FindQualified(std::string_view qualified_or_bare) const;
  /// "unknown relation plugin 'mod_kk', did you mean 'mod_k'?"
  std::string UnknownMessage(PluginKind kind, std::string_view id) const;
  const std::vector<PluginInfo>& plugins() const { return plugins_; }

  /// Instances; on failure nullptr and *err names the plugin and the reason.
  std::unique_ptr<Relation> CreateRelation(std::string_view id, const ParamSet& params,
                                           std::string* err) const;
  std::unique_ptr<DecoderMode> CreateDecoderMode(std::string_view id, const ParamSet& params,
                                                 std::string* err) const;
  std::unique_ptr<Analyzer> CreateAnalyzer(std::string_view id, const ParamSet& params,
                                           std::string* err) const;

  /// Convenience for tests: params as TOML text, validated against the schema.
  std::unique_ptr<Relation> CreateRelation(std::string_view id, std::string_view toml_params,
                                           std::string* err) const;
  std::unique_ptr<DecoderMode> CreateDecoderMode(std::string_view id,
                                                 std::string_view toml_params,
                                                 std::string* err) const;
  std::unique_ptr<Analyzer> CreateAnalyzer(std::string_view id, std::string_view toml_params,
                                           std::string* err) const;

 private:
  std::vector<PluginInfo> plugins_;
};

}  // namespace geneft
