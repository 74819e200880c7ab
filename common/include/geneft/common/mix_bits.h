// A 64-bit mixing function for hashes and seeds.
#pragma once

#include <cstdint>

namespace geneft::statics {

/// SplitMix64 finalizer (Steele, Lea, Flood 2014): every input bit moves
/// about half the output bits.
inline uint64_t MixBits(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace geneft::statics
