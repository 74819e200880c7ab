// The [sweep] table: which settings vary, and how a study expands into runs.
//
//   [sweep]
//   "train.lr_enc" = "logspace(-5, -2, 13)"   # 13 values 1e-5 .. 1e-2
//   "model.depth" = [0, 1, 2, 3]              # an explicit list
//   "train.fraction" = "linspace(0.1, 0.9, 9)"
//   replicates = 5                            # each point 5 times, other seeds
//
//   [[sweep.zip]]                             # axes that move together
//   "decoder_mode.plugin" = ["concat", "sqdiff"]
//   "model.depth" = [3, 0]
//
// Plain axes (in file order) and then each zip group form a grid (their
// product); the first axis varies slowest. Keys name a setting:
// relation.<param>, relation.plugin, decoder_mode.plugin,
// decoder_mode.<param>, model.<key> or train.<key> (CheckSweepKeys).
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace geneft {

/// One axis of the grid: one key, or several zipped keys of equal length.
struct SweepAxis {
  std::vector<std::string> keys;
  std::vector<toml::array> values;  ///< values[k] lists the values of keys[k]
  std::vector<toml::source_region> at;  ///< at[k]: where keys[k] is written
  size_t size() const { return values.empty() ? 0 : values.front().size(); }
};

struct SweepSpec {
  std::vector<SweepAxis> axes;
  int64_t replicates = 1;
  /// Every swept key, in axis order ("replicate" not included).
  std::vector<std::string> Keys() const;
  /// Number of runs: product of axis sizes times replicates.
  size_t RunCount() const;
  /// Where a swept key is written in [sweep]; empty when it is not swept.
  toml::source_region KeyRegion(std::string_view key) const;
};

/// Most values one range string may give (a typo such as range(0, 1e9)
/// would otherwise fill the memory).
constexpr int64_t kMaxRangeValues = 1000000;

/// Reads [sweep] of `root` (absent: one run). Range strings: linspace(a, b,
/// n), logspace(a, b, n) (10^a .. 10^b), range(a, b[, step]) (integers, b
/// excluded). Numbers are read exactly: an integer argument must fit a
/// double exactly (|a| <= 2^53 always does), range() takes integers only,
/// every value must be finite. Errors name file, line and key. The keys'
/// names are checked by CheckSweepKeys, once the plugins are known.
bool ParseSweep(const toml::table& root, const std::string& file, SweepSpec* spec,
                std::string* err);

/// False when a swept key is not among `settings` (every setting a run
/// has: "train.lr_enc", "relation.k", ...), with *err naming the file, the
/// line, and the nearest setting or the valid ones.
bool CheckSweepKeys(const SweepSpec& spec, const std::string& file,
                    const std::vector<std::string>& settings, std::string* err);

/// One point of the grid: a value per swept key, and the replicate index.
struct SweepPoint {
  std::vector<std::pair<std::string, toml::array>> values;  ///< each array holds one value
  int64_t replicate = 0;
};

/// All points, first axis slowest, replicates innermost.
std::vector<SweepPoint> ExpandSweep(const SweepSpec& spec);

/// Writes `value` at dotted `key` ("train.lr_enc") into `root`, creating
/// the table if needed; the key takes the place `at` (its [sweep] entry), so
/// that a message about the value points there.
void SetSetting(toml::table* root, const std::string& key, const toml::node& value,
                const toml::source_region& at);

}  // namespace geneft
