#include "train/rng.h"

#include <cmath>
#include <numbers>

namespace geneft {

uint64_t SplitMix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

uint64_t DeriveSeed(uint64_t seed, RandomStream stream) {
  // Mix twice so that seed s / stream k and seed s' / stream k' do not
  // collide through simple arithmetic relations.
  return SplitMix64(SplitMix64(seed) ^ SplitMix64(static_cast<uint64_t>(stream) << 32));
}

double Rng::Normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  // u1 in (0, 1] keeps the logarithm finite.
  const double u1 = 1.0 - UniformDouble();
  const double u2 = UniformDouble();
  const double radius = std::sqrt(-2.0 * std::log(u1));
  const double angle = 2.0 * std::numbers::pi * u2;
  spare_ = radius * std::sin(angle);
  has_spare_ = true;
  return radius * std::cos(angle);
}

uint64_t Rng::Below(uint64_t bound) {
  // Reject the top partial block of 2^64 so every residue is equally likely.
  const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  uint64_t x = Next();
  while (x >= limit) x = Next();
  return x % bound;
}

}  // namespace geneft
