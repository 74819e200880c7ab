#include "linear_extensions.h"

#include "split_rhat.h"

#include <algorithm>
#include <cmath>
#include <limits>
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

}  // namespace

int64_t SamplerSettings::UnitSteps(int m) {
  if (m < 2) return 1;
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(double(m) * m * m * std::log(double(m)))));
}

int64_t SamplerSettings::MaxSteps(int m) const {
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(max_length * double(UnitSteps(m)))));
}

std::string SamplerSettings::Describe() const {
  std::ostringstream out;
  out << "lazy adjacent-transposition chain (Karzanov-Khachiyan, Bubley-Dyer) from a "
         "topological sort: "
      << chains << " chains in rounds of m^2, 4 m^2, ... steps run on and as many recorded, "
      << "until the split R-hat is below " << rhat_target << " or a round reaches " << max_length
      << " x m^3 ln m steps; every step recorded, m = elements in the independent block";
  return out.str();
}

LinearExtensionChain::LinearExtensionChain(std::vector<uint8_t> precedes, std::vector<int> start)
    : m_(static_cast<int>(start.size())),
      precedes_(std::move(precedes)),
      order_(std::move(start)),
      position_(m_),
      slot_(std::max(0, m_ - 1), -1) {
  if (precedes_.size() != static_cast<size_t>(m_) * m_)
    throw std::invalid_argument("linear extension chain: order matrix does not match " +
                                std::to_string(m_) + " elements");
  for (int t = 0; t < m_; ++t) position_[order_[t]] = t;
  for (int a = 0; a < m_; ++a)
    for (int b = 0; b < m_; ++b)
      if (precedes_[static_cast<size_t>(a) * m_ + b] && position_[a] > position_[b])
        throw std::invalid_argument("linear extension chain: start is not a linear extension");
  for (int r = 0; r + 1 < m_; ++r) Update(r);
  left_ = HoldingTime();
}

void LinearExtensionChain::Update(int r) {
  const bool in = slot_[r] >= 0;
  if (Swappable(r) == in) return;
  if (!in) {
    slot_[r] = static_cast<int>(swappable_.size());
    swappable_.push_back(r);
    return;
  }
  const int last = swappable_.back();
  swappable_[slot_[r]] = last;
  slot_[last] = slot_[r];
  swappable_.pop_back();
  slot_[r] = -1;
}

// One step picks a given swappable position with probability 1 / (2 (m - 1)),
// so the steps until the next swap average 2 (m - 1) / k.
double LinearExtensionChain::HoldingTime() const {
  if (swappable_.empty()) return std::numeric_limits<double>::infinity();
  return 2.0 * (m_ - 1) / static_cast<double>(swappable_.size());
}

PrecedenceFrequencies SamplePrecedence(const std::vector<uint8_t>& precedes,
                                       const std::vector<int>& start,
                                       const std::vector<std::pair<int, int>>& pairs,
                                       const SamplerSettings& settings, Rng& rng) {
  if (settings.chains < 1)
    throw std::invalid_argument("linear extensions: " + std::to_string(settings.chains) +
                                " chains, need at least 1");
  const int m = static_cast<int>(start.size());
  std::vector<int> pair_of(static_cast<size_t>(m) * m, -1);  // either order of a pair -> its index
  for (size_t k = 0; k < pairs.size(); ++k) {
    const auto [a, b] = pairs[k];
    pair_of[static_cast<size_t>(a) * m + b] = pair_of[static_cast<size_t>(b) * m + a] =
        static_cast<int>(k);
  }
  // Each chain starts from its own random topological sort, so that chains
  // that have not mixed disagree and R-hat can tell.
  std::vector<LinearExtensionChain> chains;
  for (int c = 0; c < settings.chains; ++c)
    chains.emplace_back(precedes, c == 0 ? start : RandomTopologicalSort(precedes, m, rng));
  PrecedenceFrequencies f;
  const int64_t longest = settings.MaxSteps(m);
  for (int64_t length = std::min<int64_t>(longest, std::max<int64_t>(int64_t{m} * m, 100));;
       length = std::min(longest, length * 4)) {
    f = PrecedenceFrequencies{};
    f.overall.assign(pairs.size(), 0.0);
    f.recorded_steps = length;
    for (LinearExtensionChain& chain : chains) {
      chain.Run(double(length), rng);  // run on: the earlier rounds are burn-in too
      // Each pair's current stretch began at step since[k]; time_before sums
      // the steps with the first element in front; in_front counts such pairs.
      std::vector<double> since(pairs.size(), 0), time_before(pairs.size(), 0);
      const std::vector<int>& position = chain.position();
      int64_t in_front = 0;
      for (const auto& [a, b] : pairs) in_front += position[a] < position[b];
      std::vector<double>& trace = f.trace.emplace_back();
      double done = 0;
      for (int point = 1; point <= PrecedenceFrequencies::kTracePoints; ++point) {
        const double until = double(length) * point / PrecedenceFrequencies::kTracePoints;
        chain.Run(until - done, rng, [&, offset = done](int a, int b, double step) {
          const int k = pair_of[static_cast<size_t>(a) * m + b];
          if (k < 0) return;
          step += offset;
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
