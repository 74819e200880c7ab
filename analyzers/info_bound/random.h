// Random numbers for the Monte Carlo parts: one 64-bit Mersenne twister per
// independent stream, seeded from (seed, stream ids) through SplitMix64 so
// that results do not depend on evaluation order.
#pragma once

#include <cstdint>
#include <random>

namespace geneft::statics {

using Rng = std::mt19937_64;

/// SplitMix64 finalizer (Steele, Lea, Flood 2014).
inline uint64_t MixBits(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

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
