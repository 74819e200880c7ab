#include "linear_extensions.h"

#include "split_rhat.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace geneft::statics {
namespace {

// Kahn's algorithm taking a uniformly random element among those whose
// predecessors are all placed: a linear extension, not a uniform one.
std::vector<int> RandomTopologicalSort(const std::vector<uint8_t>& precedes, int m, Rng& rng) {
  std::vector<int> waiting(m, 0), ready, order;
  for (int a = 0; a < m; ++a)
    for (int b = 0; b < m; ++b) waiting[b] += precedes[static_cast<size_t>(a) * m + b];
  for (int a = 0; a < m; ++a)
    if (waiting[a] == 0) ready.push_back(a);
  while (!ready.empty()) {
    std::swap(ready[UniformBelow(rng, ready.size())], ready.back());
    const int a = ready.back();
    ready.pop_back();
    order.push_back(a);
    for (int b = 0; b < m; ++b)
      if (precedes[static_cast<size_t>(a) * m + b] && --waiting[b] == 0) ready.push_back(b);
  }
  return order;
}

void CheckLinearExtension(const std::vector<uint8_t>& precedes, const std::vector<int>& order) {
  const size_t m = order.size();
  std::vector<int> position(m);
  for (size_t t = 0; t < m; ++t) position[order[t]] = static_cast<int>(t);
  for (size_t a = 0; a < m; ++a)
    for (size_t b = 0; b < m; ++b)
      if (precedes[a * m + b] && position[a] > position[b])
        throw std::invalid_argument("linear extension chain: start is not a linear extension");
}

}  // namespace

int64_t SamplerSettings::UnitMoves(int m) {
  if (m < 2) return 1;
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(double(m) * m * std::log(double(m)))));
}

int64_t SamplerSettings::FirstMoves(int m) const {
  return std::min(MaxMoves(m), std::max<int64_t>(100, int64_t{16} * m));
}

int64_t SamplerSettings::MaxMoves(int m) const {
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(max_length * double(UnitMoves(m)))));
}

std::string SamplerSettings::Describe() const {
  std::ostringstream out;
  out << "heat-bath insertion chain (an element moved to a uniform place its order allows) "
         "from a topological sort: "
      << chains << " chains in rounds of 16 m, 64 m, ... moves run on and as many recorded, "
      << "until the split R-hat is below " << rhat_target << " or a round reaches " << max_length
      << " x m^2 ln m moves; every move recorded, m = elements in the independent block";
  return out.str();
}

IncomparablePairs::IncomparablePairs(const std::vector<uint8_t>& precedes, int m)
    : first_column_(m, 0), row_word_(static_cast<size_t>(m) + 1, 0) {
  if (precedes.size() != static_cast<size_t>(m) * m)
    throw std::invalid_argument("linear extensions: order matrix does not match " +
                                std::to_string(m) + " elements");
  auto incomparable = [&](int a, int b) {
    return b != a && !precedes[static_cast<size_t>(a) * m + b] &&
           !precedes[static_cast<size_t>(b) * m + a];
  };
  for (int a = 0; a < m; ++a) {
    int lo = m, hi = -1;
    for (int b = 0; b < m; ++b)
      if (incomparable(a, b)) {
        lo = std::min(lo, b);
        hi = b;
      }
    const size_t row = words_.size();
    if (hi >= 0) {
      first_column_[a] = lo / 64 * 64;
      words_.resize(row + static_cast<size_t>(hi - first_column_[a]) / 64 + 1, 0);
      for (int b = lo; b <= hi; ++b)
        if (incomparable(a, b)) {
          const int bit = b - first_column_[a];
          words_[row + bit / 64] |= uint64_t{1} << (bit % 64);
        }
    }
    row_word_[a + 1] = static_cast<int64_t>(words_.size());
  }
  set_before_.resize(words_.size());
  for (size_t w = 0; w < words_.size(); ++w) {
    set_before_[w] = slots_;
    slots_ += std::popcount(words_[w]);
  }
}

bool IncomparablePairs::Incomparable(int a, int b) const {
  const int bit = b - first_column_[a];
  if (bit < 0) return false;
  const int64_t w = row_word_[a] + bit / 64;
  return w < row_word_[a + 1] && (words_[w] >> (bit % 64) & 1);
}

int64_t IncomparablePairs::Slot(int a, int b) const {
  const int bit = b - first_column_[a];
  if (bit < 0) return -1;
  const int64_t w = row_word_[a] + bit / 64;
  if (w >= row_word_[a + 1]) return -1;
  const uint64_t word = words_[w];
  const uint64_t own = uint64_t{1} << (bit % 64);
  if (!(word & own)) return -1;
  return set_before_[w] + std::popcount(word & (own - 1));
}

LinearExtensionChain::LinearExtensionChain(const std::vector<uint8_t>& precedes,
                                           std::vector<int> start)
    : LinearExtensionChain(
          std::make_shared<const IncomparablePairs>(precedes, static_cast<int>(start.size())),
          start) {
  CheckLinearExtension(precedes, order_);
}

LinearExtensionChain::LinearExtensionChain(
    std::shared_ptr<const IncomparablePairs> incomparable, std::vector<int> start)
    : m_(static_cast<int>(start.size())),
      incomparable_(std::move(incomparable)),
      order_(std::move(start)),
      position_(m_) {
  for (int t = 0; t < m_; ++t) position_[order_[t]] = t;
}

PrecedenceFrequencies SamplePrecedence(const std::vector<uint8_t>& precedes,
                                       const std::vector<int>& start,
                                       const std::vector<std::pair<int, int>>& pairs,
                                       const SamplerSettings& settings, Rng& rng) {
  if (settings.chains < 1)
    throw std::invalid_argument("linear extensions: " + std::to_string(settings.chains) +
                                " chains, need at least 1");
  const int m = static_cast<int>(start.size());
  // Each chain starts from its own random topological sort, so that chains
  // that have not mixed disagree and R-hat can tell.
  const auto incomparable = std::make_shared<const IncomparablePairs>(precedes, m);
  CheckLinearExtension(precedes, start);
  std::vector<LinearExtensionChain> chains;
  for (int c = 0; c < settings.chains; ++c)
    chains.emplace_back(incomparable, c == 0 ? start : RandomTopologicalSort(precedes, m, rng));
  std::vector<int> pair_of(static_cast<size_t>(incomparable->slots()), -1);  // slot -> pair
  for (size_t k = 0; k < pairs.size(); ++k) {
    const auto [a, b] = pairs[k];
    const int64_t ab = incomparable->Slot(a, b), ba = incomparable->Slot(b, a);
    if (ab < 0)
      throw std::invalid_argument("linear extensions: pair " + std::to_string(k) +
                                  " is comparable in the order");
    pair_of[ab] = pair_of[ba] = static_cast<int>(k);
  }
  PrecedenceFrequencies f;
  const int64_t longest = settings.MaxMoves(m);
  for (int64_t length = settings.FirstMoves(m);;
       length = std::min(longest, length * 4)) {
    f = PrecedenceFrequencies{};
    f.overall.assign(pairs.size(), 0.0);
    f.recorded_moves = length;
    for (LinearExtensionChain& chain : chains) {
      chain.Run(length, rng);  // run on: the earlier rounds are burn-in too
      // Each pair's current stretch began at step since[k]; time_before sums
      // the moves with the first element in front; in_front counts such pairs.
      std::vector<double> since(pairs.size(), 0), time_before(pairs.size(), 0);
      const std::vector<int>& position = chain.position();
      int64_t in_front = 0;
      for (const auto& [a, b] : pairs) in_front += position[a] < position[b];
      std::vector<double>& trace = f.trace.emplace_back();
      int64_t done = 0;
      for (int point = 1; point <= PrecedenceFrequencies::kTracePoints; ++point) {
        const int64_t until = length * point / PrecedenceFrequencies::kTracePoints;
        chain.Run(until - done, rng, [&, offset = done](int a, int b, int64_t move) {
          const int k = pair_of[incomparable->Slot(a, b)];
          if (k < 0) return;
          const double step = double(offset + move);
          if (pairs[k].first == a) {  // a was in front until now
            time_before[k] += step - since[k];
            --in_front;
          } else {
            ++in_front;
          }
          since[k] = step;
        });
        done = until;
        trace.push_back(static_cast<double>(in_front));
      }
      std::vector<double>& before = f.chains.emplace_back(pairs.size());
      for (size_t k = 0; k < pairs.size(); ++k) {
        if (position[pairs[k].first] < position[pairs[k].second])
          time_before[k] += double(length) - since[k];
        before[k] = time_before[k] / double(length);
        f.overall[k] += before[k] / settings.chains;
      }
    }
    f.rhat = SplitRhat(f.trace);
    if (length >= longest || f.rhat < settings.rhat_target) return f;
  }
}
}  // namespace geneft::statics
