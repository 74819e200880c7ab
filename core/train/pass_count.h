// How many correct pairs reach an accuracy threshold, decided in integers.
#pragma once

#include <cstdint>

namespace geneft {

/// The least k with k / count >= threshold, i.e. ceil(threshold * count),
/// computed exactly with the threshold read as the shortest decimal that
/// round-trips its double (0.9 is 9/10, not 0.90000000000000002220...): so
/// 9 of 10 pairs reach 0.9, and float rounding never moves a first-passage
/// step. threshold in [0, 1], count >= 0.
int64_t PassCount(double threshold, int64_t count);

}  // namespace geneft
