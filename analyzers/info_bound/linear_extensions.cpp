#include "linear_extensions.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace geneft::statics {
namespace {

int64_t StepsInUnits(double units, int m) {
  if (m < 2) return 0;
  const double scale = double(m) * m * m * std::log(double(m));
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(units * scale)));
}

}  // namespace

int64_t SamplerSettings::BurnInSteps(int m) const { return StepsInUnits(burn_in, m); }
int64_t SamplerSettings::ThinningSteps(int m) const { return StepsInUnits(thinning, m); }

std::string SamplerSettings::Describe() const {
  std::ostringstream out;
  out << "lazy adjacent-transposition chain (Karzanov-Khachiyan, Bubley-Dyer) from a "
         "topological sort; burn-in "
      << burn_in << " x m^3 ln m steps, " << thinning
      << " x m^3 ln m steps between extensions, m = elements in each independent block; "
      << batches << " batches for the standard error";
  return out.str();
}

LinearExtensionChain::LinearExtensionChain(std::vector<uint8_t> precedes, std::vector<int> start)
    : m_(static_cast<int>(start.size())),
      precedes_(std::move(precedes)),
      order_(std::move(start)),
      position_(m_) {
  if (precedes_.size() != static_cast<size_t>(m_) * m_)
    throw std::invalid_argument("linear extension chain: order matrix does not match " +
                                std::to_string(m_) + " elements");
  for (int t = 0; t < m_; ++t) position_[order_[t]] = t;
  for (int a = 0; a < m_; ++a)
    for (int b = 0; b < m_; ++b)
      if (precedes_[static_cast<size_t>(a) * m_ + b] && position_[a] > position_[b])
        throw std::invalid_argument("linear extension chain: start is not a linear extension");
}

void LinearExtensionChain::Run(int64_t steps, Rng& rng) {
  if (m_ < 2) return;
  // One draw picks the position and the lazy coin: r < m-1 swaps at r, else holds.
  const uint64_t choices = 2 * static_cast<uint64_t>(m_ - 1);
  for (int64_t s = 0; s < steps; ++s) {
    const uint64_t r = UniformBelow(rng, choices);
    if (r >= static_cast<uint64_t>(m_ - 1)) continue;
    const int a = order_[r], b = order_[r + 1];
    if (precedes_[static_cast<size_t>(a) * m_ + b]) continue;
    order_[r] = b;
    order_[r + 1] = a;
    position_[b] = static_cast<int>(r);
    position_[a] = static_cast<int>(r + 1);
  }
}

PrecedenceFrequencies SamplePrecedence(const std::vector<uint8_t>& precedes,
                                       const std::vector<int>& start,
                                       const std::vector<std::pair<int, int>>& pairs,
                                       int records, const SamplerSettings& settings, Rng& rng) {
  if (records < 1) throw std::invalid_argument("linear extensions: need at least 1, got " +
                                               std::to_string(records));
  const int m = static_cast<int>(start.size());
  const int batches = std::clamp(settings.batches, 1, records);
  LinearExtensionChain chain(precedes, start);
  chain.Run(settings.BurnInSteps(m), rng);
  const int64_t thinning = settings.ThinningSteps(m);

  PrecedenceFrequencies f;
  f.overall.assign(pairs.size(), 0.0);
  f.batches.assign(batches, std::vector<double>(pairs.size(), 0.0));
  std::vector<int>& batch_records = f.batch_records;
  batch_records.assign(batches, 0);
  for (int r = 0; r < records; ++r) {
    chain.Run(thinning, rng);
    const int batch = static_cast<int>(static_cast<int64_t>(r) * batches / records);
    ++batch_records[batch];
    const std::vector<int>& pos = chain.position();
    std::vector<double>& counts = f.batches[batch];
    for (size_t k = 0; k < pairs.size(); ++k)
      counts[k] += pos[pairs[k].first] < pos[pairs[k].second];
  }
  for (int b = 0; b < batches; ++b)
    for (size_t k = 0; k < pairs.size(); ++k) {
      f.overall[k] += f.batches[b][k];
      f.batches[b][k] /= batch_records[b];
    }
  for (double& v : f.overall) v /= records;
  return f;
}

}  // namespace geneft::statics
