// Random numbers for the Monte Carlo parts: one xoshiro256** generator per
// independent stream (Blackman & Vigna 2018: 256 bits of state, passes
// BigCrush, a few cycles a number, which matters to chains that draw one per
// step), seeded from (seed, stream ids) through SplitMix64 so that results
// do not depend on evaluation order.
#pragma once

#include <geneft/common/mix_bits.h>

#include <cstdint>
#include <limits>

namespace geneft::statics {

/// xoshiro256**, a UniformRandomBitGenerator of 64-bit numbers.
class Rng {
 public:
  using result_type = uint64_t;

  /// The state is four SplitMix64 outputs from `seed`, never all zero.
  explicit Rng(uint64_t seed = 0) {
    for (uint64_t& word : state_) word = MixBits(seed += 0x9e3779b97f4a7c15ULL);
  }

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  result_type operator()() {
    const uint64_t result = Rotate(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotate(state_[3], 45);
    return result;
  }

 private:
  static uint64_t Rotate(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t state_[4];
};

/// A generator for stream (a, b) of `seed`.
inline Rng StreamRng(uint64_t seed, uint64_t a, uint64_t b = 0) {
  return Rng(MixBits(MixBits(MixBits(seed) ^ a) ^ b));
}

/// Uniform integer in [0, range) by Lemire's multiply-shift; the bias is
/// below range / 2^64.
inline uint64_t UniformBelow(Rng& rng, uint64_t range) {
  return static_cast<uint64_t>((static_cast<unsigned __int128>(rng()) * range) >> 64);
}

}  // namespace geneft::statics
