// Stable 64-bit hashing for run ids (same value on every machine).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace geneft {

/// FNV-1a, 64 bit.
uint64_t Fnv1a64(std::string_view text);

/// 16 lowercase hex digits.
std::string Hex64(uint64_t value);

}  // namespace geneft
