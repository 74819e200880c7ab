// Checking a plugin's TOML table against the plugin's declared schema.
#include "plugin/params.h"

#include "util/toml_number.h"
#include <geneft/common/names.h>

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <sstream>

namespace geneft {
namespace {

// Converts one TOML node to the declared type, or explains what was expected.
bool Convert(const toml::node& node, geneft_param_type type, ParamValue* out,
             std::string* expected) {
  switch (type) {
    case GENEFT_PARAM_INT:
      if (auto v = node.value_exact<int64_t>()) return *out = *v, true;
      *expected = "an integer";
      return false;
    case GENEFT_PARAM_DOUBLE: {
      double v = 0;
      if (TomlToDouble(node, &v, expected)) return *out = v, true;
      return false;
    }
    case GENEFT_PARAM_BOOL:
      if (auto v = node.value_exact<bool>()) return *out = *v, true;
      *expected = "true or false";
      return false;
    case GENEFT_PARAM_STRING:
      if (auto v = node.value_exact<std::string>()) return *out = *v, true;
      *expected = "a string";
      return false;
    case GENEFT_PARAM_PATH:
      if (auto v = node.value_exact<std::string>(); v && !v->empty()) return *out = *v, true;
      *expected = "a file path (a non-empty string)";
      return false;
    case GENEFT_PARAM_INT_LIST: {
      std::vector<int64_t> values;
      if (const toml::array* a = node.as_array()) {
        bool ok = true;
        for (const toml::node& e : *a) {
          if (auto v = e.value_exact<int64_t>()) values.push_back(*v);
          else ok = false;
        }
        if (ok) return *out = std::move(values), true;
      }
      *expected = "an array of integers";
      return false;
    }
    case GENEFT_PARAM_DOUBLE_LIST: {
      std::vector<double> values;
      const toml::array* a = node.as_array();
      *expected = "an array of finite numbers";
      if (a == nullptr) return false;
      for (size_t i = 0; i < a->size(); ++i) {
        double v = 0;
        std::string element;
        if (!TomlToDouble(*a->get(i), &v, &element)) {
          *expected += ", and element " + std::to_string(i + 1) + " is not " + element;
          return false;
        }
        values.push_back(v);
      }
      return *out = std::move(values), true;
    }
  }
  *expected = "a known parameter type";
  return false;
}

std::string TypeNameOf(const toml::node& node) {
  std::ostringstream s;
  s << node.type();
  return s.str();
}

// A relative path names a file beside the study (or in the working
// directory when the parameters come from the command line).
void ResolvePath(const std::string& study_file, ParamValue* value) {
  auto* text = std::get_if<std::string>(value);
  if (text == nullptr || text->empty()) return;
  std::filesystem::path path(*text);
  if (path.is_relative()) {
    std::error_code ec;
    const std::filesystem::path study(study_file);
    path = std::filesystem::is_regular_file(study, ec) ? study.parent_path() / path : path;
  }
  *text = std::filesystem::absolute(path).lexically_normal().string();
}

}  // namespace

std::string ShortestDouble(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  std::string text(buf, end);
  // Keep it a TOML float: 3 -> 3.0, 1e-05 stays as is.
  if (std::isfinite(v) && text.find_first_of(".eE") == std::string::npos) text += ".0";
  return text;
}

bool IsParamType(int32_t type) { return type >= GENEFT_PARAM_INT && type <= GENEFT_PARAM_PATH; }

ParamSpec SpecFromAbi(const geneft_param_spec& s) {
  ParamSpec spec;
  spec.name = s.name;
  spec.type = static_cast<geneft_param_type>(s.type);
  spec.required = s.default_value == nullptr;
  spec.default_literal = s.default_value ? s.default_value : "";
  spec.help = s.help ? s.help : "";
  return spec;
}

const char* ParamTypeName(geneft_param_type type) {
  switch (type) {
    case GENEFT_PARAM_INT: return "int";
    case GENEFT_PARAM_DOUBLE: return "double";
    case GENEFT_PARAM_BOOL: return "bool";
    case GENEFT_PARAM_STRING: return "string";
    case GENEFT_PARAM_INT_LIST: return "int list";
    case GENEFT_PARAM_DOUBLE_LIST: return "double list";
    case GENEFT_PARAM_PATH: return "path";
  }
  return "unknown";
}

bool ParseDefault(const ParamSpec& spec, ParamValue* out, std::string* err) {
  std::string expected;
  toml::table parsed;
  try {
    parsed = toml::parse("value = " + spec.default_literal);
  } catch (const toml::parse_error&) {
    parsed = toml::table();
  }
  const toml::node* node = parsed.get("value");
  if (node == nullptr || !Convert(*node, spec.type, out, &expected)) {
    *err = "default of parameter '" + spec.name + "' (" + spec.default_literal +
           ") is not " + (expected.empty() ? "valid TOML" : expected);
    return false;
  }
  return true;
}

bool ValidateParams(const std::vector<ParamSpec>& schema, const toml::table& table,
                    const SourceRef& source, const std::vector<std::string>& ignored,
                    ParamSet* out, std::string* err) {
  std::vector<std::string> declared;
  for (const ParamSpec& spec : schema) declared.push_back(spec.name);

  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    if (std::find(ignored.begin(), ignored.end(), name) != ignored.end()) continue;
    auto spec = std::find_if(schema.begin(), schema.end(),
                             [&](const ParamSpec& s) { return s.name == name; });
    if (spec == schema.end()) {
      *err = Where(source.file, key.source()) + ": [" + source.table + "] " +
             UnknownName("key", name, declared, "this plugin takes no parameters");
      return false;
    }
    ParamValue value;
    std::string expected;
    if (!Convert(node, spec->type, &value, &expected)) {
      *err = Where(source.file, key.source()) + ": [" + source.table + "] key '" + name +
             "' is " + TypeNameOf(node) + ", expected " + expected;
      return false;
    }
    out->values[name] = std::move(value);
  }
  for (const ParamSpec& spec : schema) {
    if (out->values.count(spec.name) != 0) continue;
    if (spec.required) {
      *err = Where(source.file, source.at) + ": [" + source.table + "] missing required key '" +
             spec.name + "' (" + spec.help + ")";
      return false;
    }
    ParamValue value;
    if (!ParseDefault(spec, &value, err)) return false;
    out->values[spec.name] = std::move(value);
  }
  for (const ParamSpec& spec : schema)
    if (spec.type == GENEFT_PARAM_PATH) ResolvePath(source.file, &out->values[spec.name]);
  return true;
}

bool ParseParams(const std::vector<ParamSpec>& schema, std::string_view toml_text,
                 ParamSet* out, std::string* err) {
  toml::table parsed;
  try {
    parsed = toml::parse(toml_text, std::string_view("<params>"));
  } catch (const toml::parse_error& e) {
    *err = "<params>:" + std::to_string(e.source().begin.line) + ": " +
           std::string(e.description());
    return false;
  }
  return ValidateParams(schema, parsed, SourceRef{"<params>", "params", {}}, {}, out, err);
}

std::string ParamValueToString(const ParamValue& value) {
  std::ostringstream s;
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>) {
          s << (v ? "true" : "false");
        } else if constexpr (std::is_same_v<T, std::string>) {
          s << toml::value<std::string>(v);
        } else if constexpr (std::is_same_v<T, std::vector<int64_t>> ||
                             std::is_same_v<T, std::vector<double>>) {
          s << "[";
          for (size_t i = 0; i < v.size(); ++i) {
            s << (i ? ", " : "");
            if constexpr (std::is_same_v<T, std::vector<double>>) s << ShortestDouble(v[i]);
            else s << v[i];
          }
          s << "]";
        } else if constexpr (std::is_same_v<T, double>) {
          s << ShortestDouble(v);
        } else {
          s << v;
        }
      },
      value);
  return s.str();
}

}  // namespace geneft
