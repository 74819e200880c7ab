#include "order_ideals.h"

#include "random.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace geneft::statics {
namespace {

// Ideals of one size, as bit sets in a flat store, found by their words
// through an open-addressing table of indices.
class IdealLayer {
 public:
  explicit IdealLayer(int words) : words_(words), slots_(16, -1) {}

  // The index of `ideal`, added if new.
  int Find(const uint64_t* ideal) {
    uint64_t hash = 0;
    for (int w = 0; w < words_; ++w) hash = MixBits(hash ^ ideal[w]);
    for (size_t slot = hash & (slots_.size() - 1);; slot = (slot + 1) & (slots_.size() - 1)) {
      const int index = slots_[slot];
      if (index < 0) break;
      const uint64_t* known = At(index);
      if (known[0] == ideal[0] && std::equal(ideal + 1, ideal + words_, known + 1)) return index;
    }
    store_.insert(store_.end(), ideal, ideal + words_);
    if (2 * static_cast<size_t>(size()) > slots_.size()) Rehash(2 * slots_.size());
    else Place(hash, size() - 1);
    return size() - 1;
  }
  int size() const { return static_cast<int>(store_.size() / words_); }
  const uint64_t* At(int index) const { return &store_[static_cast<size_t>(index) * words_]; }

 private:
  uint64_t Hash(int index) const {
    uint64_t hash = 0;
    for (int w = 0; w < words_; ++w) hash = MixBits(hash ^ At(index)[w]);
    return hash;
  }
  void Place(uint64_t hash, int index) {
    size_t slot = hash & (slots_.size() - 1);
    while (slots_[slot] >= 0) slot = (slot + 1) & (slots_.size() - 1);
    slots_[slot] = index;
  }
  void Rehash(size_t capacity) {
    slots_.assign(capacity, -1);
    for (int index = 0; index < size(); ++index) Place(Hash(index), index);
  }

  int words_;
  std::vector<uint64_t> store_;
  std::vector<int> slots_;
};

// A lower bound on the ideals: the elements of one height (longest chain
// below them) are pairwise incomparable, and every subset of an antichain
// generates its own ideal.
int LargestLevel(const std::vector<uint8_t>& precedes, int m) {
  std::vector<int> height(m, 0), order(m), below(m, 0);
  for (int a = 0; a < m; ++a)
    for (int b = 0; b < m; ++b) below[b] += precedes[static_cast<size_t>(a) * m + b];
  for (int a = 0; a < m; ++a) order[a] = a;
  std::sort(order.begin(), order.end(), [&](int a, int b) { return below[a] < below[b]; });
  std::vector<int> level_size(m + 1, 0);
  for (int b : order) {
    for (int a = 0; a < m; ++a)
      if (precedes[static_cast<size_t>(a) * m + b]) height[b] = std::max(height[b], height[a] + 1);
    ++level_size[height[b]];
  }
  return *std::max_element(level_size.begin(), level_size.end());
}

struct Step {
  int from, element, to;  // ideal indices within their layers
};

bool Has(const uint64_t* set, int a) { return (set[a / 64] >> (a % 64)) & 1; }

}  // namespace

ExactPrecedence PrecedenceByIdeals(const std::vector<uint8_t>& precedes, int m,
                                   const std::vector<std::pair<int, int>>& pairs,
                                   int64_t max_work) {
  ExactPrecedence result;
  const int level = LargestLevel(precedes, m);
  result.work = static_cast<int64_t>(m) * m;
  if (level >= 62 || (int64_t{1} << level) > max_work) return result;
  const int words = (m + 63) / 64;
  std::vector<uint64_t> predecessors(static_cast<size_t>(m) * words, 0);
  for (int a = 0; a < m; ++a)
    for (int b = 0; b < m; ++b)
      if (precedes[static_cast<size_t>(a) * m + b])
        predecessors[static_cast<size_t>(b) * words + a / 64] |= uint64_t{1} << (a % 64);
  std::vector<std::vector<int>> first_of(m);  // element -> pairs where it comes first
  for (size_t k = 0; k < pairs.size(); ++k) first_of[pairs[k].first].push_back(static_cast<int>(k));

  // Layers of ideals by size and the steps from each layer to the next.
  std::vector<IdealLayer> layers;
  std::vector<std::vector<Step>> steps(m);
  layers.emplace_back(words);
  const std::vector<uint64_t> empty(words, 0);
  layers[0].Find(empty.data());
  std::vector<uint64_t> next(words);
  for (int size = 0; size < m; ++size) {
    layers.emplace_back(words);
    for (int i = 0; i < layers[size].size(); ++i) {
      const uint64_t* ideal = layers[size].At(i);
      for (int a = 0; a < m; ++a) {
        if (Has(ideal, a)) continue;
        const uint64_t* need = &predecessors[static_cast<size_t>(a) * words];
        bool addable = true;
        for (int w = 0; w < words && addable; ++w) addable = (need[w] & ~ideal[w]) == 0;
        if (!addable) continue;
        result.work += 1 + static_cast<int64_t>(first_of[a].size());
        if (result.work > max_work) return result;
        std::copy(ideal, ideal + words, next.begin());
        next[a / 64] |= uint64_t{1} << (a % 64);
        steps[size].push_back({i, a, layers[size + 1].Find(next.data())});
      }
    }
  }
  // Paths into each ideal (forward) and out of it (backward), in long double:
  // counts of linear extensions reach m! (1e2567 for m = 1000).
  std::vector<std::vector<long double>> into(m + 1), out(m + 1);
  for (int size = 0; size <= m; ++size) {
    into[size].assign(layers[size].size(), 0.0L);
    out[size].assign(layers[size].size(), 0.0L);
  }
  into[0][0] = 1;
  for (int size = 0; size < m; ++size)
    for (const Step& s : steps[size]) into[size + 1][s.to] += into[size][s.from];
  out[m][0] = 1;
  for (int size = m; size-- > 0;)
    for (const Step& s : steps[size]) out[size][s.from] += out[size + 1][s.to];
  const long double total = out[0][0];
  if (!std::isfinite(total) || !(total > 0)) return result;

  result.before.assign(pairs.size(), 0.0);
  for (int size = 0; size < m; ++size)
    for (const Step& s : steps[size]) {
      if (first_of[s.element].empty()) continue;
      // Paths through the step never outnumber all paths: divided first, no overflow.
      const double share =
          static_cast<double>(into[size][s.from] / total * out[size + 1][s.to]);
      const uint64_t* ideal = layers[size].At(s.from);
      for (int k : first_of[s.element])
        if (!Has(ideal, pairs[k].second)) result.before[k] += share;
    }
  result.complete = true;
  return result;
}

}  // namespace geneft::statics
