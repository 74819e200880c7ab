// Seeded random numbers for training: one independent stream per purpose,
// each a std::mt19937_64 (its output sequence is fixed by the C++ standard).
// Uniform and normal variates are derived here, not by <random>'s
// distributions, whose algorithms differ between standard libraries: the
// same seed gives the same numbers with any compiler (Box-Muller uses
// std::log/cos/sin, which agree to the last bit on one libm).
#pragma once

#include <cstdint>
#include <random>

namespace geneft {

/// What a stream of randomness is used for; each gets its own seed.
enum class RandomStream : uint64_t {
  kSplit = 1,         ///< which pairs are training pairs
  kEncoderInit = 2,   ///< the embeddings
  kDecoderInit = 3,   ///< the MLP weights and biases
  kBatchShuffle = 4,  ///< mini-batch order
};

/// The splitmix64 finaliser: a bijection on 64-bit words that mixes well.
uint64_t SplitMix64(uint64_t x);

/// The seed of `stream` for a run seeded with `seed`. Distinct streams give
/// unrelated seeds even for neighbouring run seeds.
uint64_t DeriveSeed(uint64_t seed, RandomStream stream);

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  uint64_t Next() { return engine_(); }
  /// In [0, 1), a multiple of 2^-24 (exactly representable as float).
  float UniformFloat() { return static_cast<float>(Next() >> 40) * 0x1.0p-24f; }
  /// In [0, 1), a multiple of 2^-53.
  double UniformDouble() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  /// Uniform in [-1, 1).
  double UniformSymmetric() { return 2.0 * UniformDouble() - 1.0; }
  /// Standard normal by Box-Muller; values come in pairs, the second cached.
  double Normal();
  /// Uniform in [0, bound) without modulo bias; bound >= 1.
  uint64_t Below(uint64_t bound);

 private:
  std::mt19937_64 engine_;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

}  // namespace geneft
