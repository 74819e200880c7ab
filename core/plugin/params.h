// Validated plugin parameters: the host side of geneft_params.
#pragma once

#include "util/toml_source.h"

#include <geneft/geneft_plugin.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace geneft {

/// One parameter a plugin declares (copied out of the plugin's static schema).
struct ParamSpec {
  std::string name;
  geneft_param_type type = GENEFT_PARAM_INT;
  bool required = false;        ///< true when the plugin gave no default
  std::string default_literal;  ///< TOML literal, empty when required
  std::string help;
};

const char* ParamTypeName(geneft_param_type type);

/// True for a type this host knows (GENEFT_PARAM_INT .. GENEFT_PARAM_PATH).
bool IsParamType(int32_t type);

/// A plugin's declared parameter as the host keeps it; `spec.type` must have
/// passed IsParamType.
ParamSpec SpecFromAbi(const geneft_param_spec& spec);

using ParamValue = std::variant<int64_t, double, bool, std::string, std::vector<int64_t>,
                                std::vector<double>>;

}  // namespace geneft

/// The opaque ABI type: every declared key with its value (given or default).
struct geneft_params {
  std::map<std::string, geneft::ParamValue, std::less<>> values;
};

namespace geneft {

using ParamSet = geneft_params;

/// Fills *out from `table` checked against `schema`: every key must be
/// declared (else an error naming file, line and the nearest declared key),
/// of the declared type, and every required key present; missing keys take
/// their defaults. Keys listed in `ignored` (e.g. "plugin") are skipped.
bool ValidateParams(const std::vector<ParamSpec>& schema, const toml::table& table,
                    const SourceRef& source, const std::vector<std::string>& ignored,
                    ParamSet* out, std::string* err);

/// Convenience for tests and the CLI: validates TOML text ("n = 30\nk = 3").
bool ParseParams(const std::vector<ParamSpec>& schema, std::string_view toml_text,
                 ParamSet* out, std::string* err);

/// Parses a spec's default literal (also used to vet a plugin's schema).
bool ParseDefault(const ParamSpec& spec, ParamValue* out, std::string* err);

/// The shortest text that reads back as exactly v, always a TOML float.
std::string ShortestDouble(double v);

/// Renders a value as a TOML literal (for reports and `describe`).
std::string ParamValueToString(const ParamValue& value);

}  // namespace geneft
