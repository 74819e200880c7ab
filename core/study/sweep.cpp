#include "study/sweep.h"

#include "util/toml_number.h"
#include "util/toml_source.h"
#include <geneft/common/names.h>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <regex>

namespace geneft {
namespace {

// One argument of a range string, read exactly.
struct RangeArg {
  bool integer = false;  // written as an integer: digits and a sign
  int64_t i = 0;         // its value when `integer`
  bool has_double = true;  // false for an integer no double holds exactly
  double d = 0;            // its value as a double, when has_double
};

bool ParseRangeArg(std::string_view text, RangeArg* arg, std::string* why) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  // from_chars takes a '-' but no '+'.
  const std::string_view number = !text.empty() && text[0] == '+' ? text.substr(1) : text;
  const std::string_view digits = !number.empty() && number[0] == '-' ? number.substr(1) : number;
  arg->integer =
      !digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos;
  const char* end = number.data() + number.size();
  if (arg->integer) {
    const auto [at, ec] = std::from_chars(number.data(), end, arg->i);
    if (ec != std::errc() || at != end) {
      *why = "the integer " + std::string(text) + " is out of range";
      return false;
    }
    arg->has_double = IntegerAsDouble(arg->i, &arg->d);
    return true;
  }
  const auto [at, ec] = std::from_chars(number.data(), end, arg->d);
  if (ec != std::errc() || at != end || number.empty() || !std::isfinite(arg->d)) {
    *why = "'" + std::string(text) + "' is not a finite number";
    return false;
  }
  return true;
}

// range(a, b[, step]): integers from a up to (not including) b.
bool ExpandIntegerRange(const std::vector<RangeArg>& args, toml::array* out, std::string* why) {
  for (const RangeArg& a : args)
    if (!a.integer) return *why = "range takes integers", false;
  const int64_t start = args[0].i, stop = args[1].i, step = args.size() == 3 ? args[2].i : 1;
  if (step == 0) return *why = "range needs a non-zero step", false;
  // 128 bits: stop - start overflows int64 for extreme bounds.
  const __int128 span = static_cast<__int128>(stop) - start;
  const bool forward = (span > 0) == (step > 0);
  const __int128 count = span == 0 || !forward ? 0 : (span + step - (step > 0 ? 1 : -1)) / step;
  if (count > kMaxRangeValues) {
    *why = "gives more than " + std::to_string(kMaxRangeValues) + " values";
    return false;
  }
  for (__int128 k = 0; k < count; ++k) out->push_back(static_cast<int64_t>(start + k * step));
  return true;
}

// linspace(a, b, n) / logspace(a, b, n): n evenly spaced values (exponents).
bool ExpandSpace(bool log, const std::vector<RangeArg>& args, toml::array* out, std::string* why) {
  for (size_t a = 0; a < 2; ++a)
    if (!args[a].has_double) {
      *why = "argument " + std::to_string(a + 1) + ": " + InexactIntegerRule(args[a].i);
      return false;
    }
  const RangeArg& count = args[2];
  if (!count.integer || count.i < 1) return *why = "the count must be an integer >= 1", false;
  if (count.i > kMaxRangeValues)
    return *why = "the count is above " + std::to_string(kMaxRangeValues), false;
  const int64_t n = count.i;
  for (int64_t k = 0; k < n; ++k) {
    const double t = n == 1 ? 0.0 : static_cast<double>(k) / static_cast<double>(n - 1);
    const double x = args[0].d + t * (args[1].d - args[0].d);
    const double v = log ? std::pow(10.0, x) : x;
    if (!std::isfinite(v)) {
      *why = "value " + std::to_string(k + 1) + " is not a finite number" +
             (log ? fmt::format(" (10^{})", x) : "");
      return false;
    }
    out->push_back(v);
  }
  return true;
}

// Expands "linspace(a, b, n)" and friends; false with *err on bad syntax.
bool ExpandRange(const std::string& text, toml::array* out, std::string* err) {
  static const std::regex call(R"(\s*(linspace|logspace|range)\s*\(([^)]*)\)\s*)");
  std::smatch m;
  if (!std::regex_match(text, m, call)) {
    *err = "'" + text + "' is not linspace(a, b, n), logspace(a, b, n) or range(a, b[, step])" +
           " (write a list for explicit string values)";
    return false;
  }
  const std::string fn = m[1], rest = m[2];
  std::vector<RangeArg> args;
  for (size_t start = 0, index = 1; start <= rest.size(); ++index) {
    size_t comma = rest.find(',', start);
    if (comma == std::string::npos) comma = rest.size();
    RangeArg arg;
    std::string why;
    if (!ParseRangeArg(std::string_view(rest).substr(start, comma - start), &arg, &why)) {
      *err = "'" + text + "': argument " + std::to_string(index) + ": " + why;
      return false;
    }
    args.push_back(arg);
    start = comma + 1;
  }
  std::string why;
  if (fn == "range") {
    if (args.size() < 2 || args.size() > 3) return *err = "'" + text + "': range takes 2 or 3 arguments", false;
    if (!ExpandIntegerRange(args, out, &why)) return *err = "'" + text + "': " + why, false;
  } else {
    if (args.size() != 3)
      return *err = "'" + text + "': " + fn + " takes (start, stop, count >= 1)", false;
    if (!ExpandSpace(fn == "logspace", args, out, &why))
      return *err = "'" + text + "': " + why, false;
  }
  if (out->empty()) return *err = "'" + text + "' gives no values", false;
  return true;
}

// `at` is the key's position: copied tables keep the source of keys only.
bool ReadAxisValues(const std::string& key, const toml::node& node, const std::string& file,
                    const toml::source_region& at, toml::array* values, std::string* err) {
  const std::string where = Where(file, at) + ": [sweep] '" + key + "'";
  if (const toml::array* a = node.as_array()) {
    if (a->empty()) return *err = where + ": the list is empty", false;
    *values = *a;
    return true;
  }
  if (auto text = node.value_exact<std::string>()) {
    std::string why;
    if (ExpandRange(*text, values, &why)) return true;
    *err = where + ": " + why;
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
      zip->at.push_back(k.source());
    } else {
      plain->push_back(SweepAxis{{key}, {std::move(values)}, {k.source()}});
    }
  }
  return true;
}

// Where `name` is written in `table`, read off the key (see ReadAxisValues).
std::string KeyWhere(const std::string& file, const toml::table& table, const char* name) {
  return Where(file, KeyRegion(table, name));
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

toml::source_region SweepSpec::KeyRegion(std::string_view key) const {
  for (const SweepAxis& a : axes)
    for (size_t k = 0; k < a.keys.size(); ++k)
      if (a.keys[k] == key) return a.at[k];
  return {};
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
  std::vector<std::string> seen;
  for (const SweepAxis& a : spec->axes)
    for (size_t k = 0; k < a.keys.size(); ++k) {
      if (std::find(seen.begin(), seen.end(), a.keys[k]) != seen.end())
        return *err = Where(file, a.at[k]) + ": [sweep] '" + a.keys[k] + "' is swept twice", false;
      seen.push_back(a.keys[k]);
    }
  return true;
}

bool CheckSweepKeys(const SweepSpec& spec, const std::string& file,
                    const std::vector<std::string>& settings, std::string* err) {
  for (const SweepAxis& a : spec.axes)
    for (size_t k = 0; k < a.keys.size(); ++k)
      if (std::find(settings.begin(), settings.end(), a.keys[k]) == settings.end()) {
        *err = Where(file, a.at[k]) + ": [sweep] " + UnknownName("setting", a.keys[k], settings);
        return false;
      }
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

void SetSetting(toml::table* root, const std::string& key, const toml::node& value,
                const toml::source_region& at) {
  const size_t dot = key.find('.');
  const std::string table = key.substr(0, dot), leaf = key.substr(dot + 1);
  if (!root->contains(table) || !(*root)[table].is_table()) root->insert_or_assign(table, toml::table{});
  toml::table& t = *(*root)[table].as_table();
  // A new key: an existing one would keep its own place in the file.
  t.erase(leaf);
  value.visit([&](const auto& v) { t.insert(toml::key(leaf, toml::source_region(at)), v); });
}

}  // namespace geneft
