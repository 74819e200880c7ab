#include "study/sweep.h"

#include "study/toml_reader.h"

#include <algorithm>
#include <cmath>
#include <regex>

namespace geneft {
namespace {

const char* const kSettingTables[] = {"relation", "decoder_mode", "model", "train"};

bool ValidKey(const std::string& key) {
  const size_t dot = key.find('.');
  if (dot == std::string::npos || dot + 1 == key.size()) return false;
  const std::string table = key.substr(0, dot);
  for (const char* t : kSettingTables)
    if (table == t) return key.find('.', dot + 1) == std::string::npos;
  return false;
}

// Expands "linspace(a, b, n)" and friends; false with *err on bad syntax.
bool ExpandRange(const std::string& text, toml::array* out, std::string* err) {
  static const std::regex call(R"(\s*(linspace|logspace|range)\s*\(([^)]*)\)\s*)");
  std::smatch m;
  if (!std::regex_match(text, m, call)) {
    *err = "'" + text + "' is not linspace(a, b, n), logspace(a, b, n) or range(a, b[, step])";
    return false;
  }
  std::vector<double> args;
  std::string rest = m[2];
  for (size_t start = 0; start <= rest.size();) {
    size_t comma = rest.find(',', start);
    if (comma == std::string::npos) comma = rest.size();
    try {
      size_t used = 0;
      const std::string part = rest.substr(start, comma - start);
      args.push_back(std::stod(part, &used));
      if (part.find_first_not_of(" \t", used) != std::string::npos) throw std::invalid_argument("");
    } catch (const std::exception&) {
      *err = "'" + text + "': arguments must be numbers";
      return false;
    }
    start = comma + 1;
  }
  const std::string fn = m[1];
  if (fn == "range") {
    if (args.size() < 2 || args.size() > 3) return *err = "'" + text + "': range takes 2 or 3 arguments", false;
    const double step = args.size() == 3 ? args[2] : 1;
    if (step == 0 || args[0] != std::floor(args[0]) || args[1] != std::floor(args[1]) || step != std::floor(step))
      return *err = "'" + text + "': range needs integers and a non-zero step", false;
    for (double v = args[0]; step > 0 ? v < args[1] : v > args[1]; v += step)
      out->push_back(static_cast<int64_t>(v));
  } else {
    if (args.size() != 3 || args[2] < 1 || args[2] != std::floor(args[2]))
      return *err = "'" + text + "': " + fn + " takes (start, stop, count >= 1)", false;
    const int64_t n = static_cast<int64_t>(args[2]);
    for (int64_t i = 0; i < n; ++i) {
      const double t = n == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(n - 1);
      const double v = args[0] + t * (args[1] - args[0]);
      out->push_back(fn == "logspace" ? std::pow(10.0, v) : v);
    }
  }
  if (out->empty()) return *err = "'" + text + "' gives no values", false;
  return true;
}

// `at` is the key's position: copied tables keep the source of keys only.
bool ReadAxisValues(const std::string& key, const toml::node& node, const std::string& file,
                    const toml::source_region& at, toml::array* values, std::string* err) {
  const std::string where = Where(file, at) + ": [sweep] '" + key + "'";
  if (!ValidKey(key)) {
    *err = where + ": not a setting (expected relation.<param>, decoder_mode.plugin, "
                   "decoder_mode.<param>, model.<key> or train.<key>)";
    return false;
  }
  if (const toml::array* a = node.as_array()) {
    if (a->empty()) return *err = where + ": the list is empty", false;
    *values = *a;
    return true;
  }
  if (auto text = node.value_exact<std::string>()) {
    std::string why;
    if (ExpandRange(*text, values, &why)) return true;
    *err = where + ": " + why + " (write a list for explicit string values)";
    return false;
  }
  *err = where + ": expected a list of values or a range string such as \"logspace(-5, -2, 13)\"";
  return false;
}

// Collects key = values pairs of a table, flattening "train.lr = ..." written
// as nested tables. Skips `skip` keys at the top level.
// toml++ iterates a table in key order; the sweep follows the file's order.
std::vector<std::pair<const toml::key*, const toml::node*>> InFileOrder(const toml::table& table) {
  std::vector<std::pair<const toml::key*, const toml::node*>> entries;
  for (const auto& [k, node] : table) entries.emplace_back(&k, &node);
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    const auto& pa = a.first->source().begin;
    const auto& pb = b.first->source().begin;
    return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
  });
  return entries;
}

bool CollectAxes(const toml::table& table, const std::string& prefix, const std::string& file,
                 const std::vector<std::string>& skip, SweepAxis* zip,
                 std::vector<SweepAxis>* plain, std::string* err) {
  for (const auto& [key_ptr, node_ptr] : InFileOrder(table)) {
    const toml::key& k = *key_ptr;
    const toml::node& node = *node_ptr;
    const std::string key = prefix + std::string(k.str());
    if (prefix.empty() && std::find(skip.begin(), skip.end(), key) != skip.end()) continue;
    if (const toml::table* sub = node.as_table()) {
      if (!CollectAxes(*sub, key + ".", file, skip, zip, plain, err)) return false;
      continue;
    }
    toml::array values;
    if (!ReadAxisValues(key, node, file, k.source(), &values, err)) return false;
    if (zip != nullptr) {
      if (!zip->values.empty() && values.size() != zip->size()) {
        *err = Where(file, k.source()) + ": [[sweep.zip]] '" + key + "' has " +
               std::to_string(values.size()) + " values, the group's first key has " +
               std::to_string(zip->size());
        return false;
      }
      zip->keys.push_back(key);
      zip->values.push_back(std::move(values));
    } else {
      plain->push_back(SweepAxis{{key}, {std::move(values)}});
    }
  }
  return true;
}

// Where `name` is written in `table`, read off the key (see ReadAxisValues).
std::string KeyWhere(const std::string& file, const toml::table& table, const char* name) {
  for (const auto& [k, node] : table)
    if (k.str() == name) return Where(file, k.source());
  return file;
}

}  // namespace

std::vector<std::string> SweepSpec::Keys() const {
  std::vector<std::string> keys;
  for (const SweepAxis& a : axes) keys.insert(keys.end(), a.keys.begin(), a.keys.end());
  return keys;
}

size_t SweepSpec::RunCount() const {
  size_t count = static_cast<size_t>(replicates);
  for (const SweepAxis& a : axes) count *= a.size();
  return count;
}

bool ParseSweep(const toml::table& root, const std::string& file, SweepSpec* spec,
                std::string* err) {
  const toml::node* node = root.get("sweep");
  if (node == nullptr) return true;
  const toml::table* sweep = node->as_table();
  if (sweep == nullptr) return *err = KeyWhere(file, root, "sweep") + ": 'sweep' must be a table", false;

  if (const toml::node* r = sweep->get("replicates")) {
    auto v = r->value_exact<int64_t>();
    if (!v || *v < 1)
      return *err = KeyWhere(file, *sweep, "replicates") + ": [sweep] replicates must be an integer >= 1", false;
    spec->replicates = *v;
  }
  if (!CollectAxes(*sweep, "", file, {"replicates", "zip"}, nullptr, &spec->axes, err)) return false;
  if (const toml::node* z = sweep->get("zip")) {
    const toml::array* groups = z->as_array();
    if (groups == nullptr || !groups->is_array_of_tables())
      return *err = KeyWhere(file, *sweep, "zip") + ": sweep.zip must be written [[sweep.zip]]", false;
    for (const toml::node& g : *groups) {
      SweepAxis zip;
      if (!CollectAxes(*g.as_table(), "", file, {}, &zip, nullptr, err)) return false;
      if (!zip.keys.empty()) spec->axes.push_back(std::move(zip));
    }
  }
  std::vector<std::string> keys = spec->Keys();
  std::sort(keys.begin(), keys.end());
  for (size_t i = 1; i < keys.size(); ++i)
    if (keys[i] == keys[i - 1]) return *err = file + ": [sweep] '" + keys[i] + "' is swept twice", false;
  return true;
}

std::vector<SweepPoint> ExpandSweep(const SweepSpec& spec) {
  std::vector<SweepPoint> points;
  const size_t count = spec.RunCount();
  points.reserve(count);
  for (size_t index = 0; index < count; ++index) {
    SweepPoint p;
    size_t rest = index;
    p.replicate = static_cast<int64_t>(rest % spec.replicates);
    rest /= spec.replicates;
    // Decode the mixed-radix index, last axis fastest.
    std::vector<size_t> at(spec.axes.size());
    for (size_t a = spec.axes.size(); a-- > 0;) {
      at[a] = rest % spec.axes[a].size();
      rest /= spec.axes[a].size();
    }
    for (size_t a = 0; a < spec.axes.size(); ++a)
      for (size_t k = 0; k < spec.axes[a].keys.size(); ++k) {
        toml::array one;
        one.push_back(*spec.axes[a].values[k].get(at[a]));
        p.values.emplace_back(spec.axes[a].keys[k], std::move(one));
      }
    points.push_back(std::move(p));
  }
  return points;
}

void SetSetting(toml::table* root, const std::string& key, const toml::node& value) {
  const size_t dot = key.find('.');
  const std::string table = key.substr(0, dot), leaf = key.substr(dot + 1);
  if (!root->contains(table) || !(*root)[table].is_table()) root->insert_or_assign(table, toml::table{});
  toml::table& t = *(*root)[table].as_table();
  value.visit([&](const auto& v) { t.insert_or_assign(leaf, v); });
}

}  // namespace geneft
