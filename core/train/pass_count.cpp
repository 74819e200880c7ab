#include "train/pass_count.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <system_error>

namespace geneft {

int64_t PassCount(double threshold, int64_t count) {
  if (count <= 0 || !(threshold > 0.0)) return 0;
  if (threshold >= 1.0) return count;
  // Shortest round-trip text, e.g. "0.9" or "1e-05": digits, '.', exponent.
  char text[64];
  const std::to_chars_result r = std::to_chars(text, text + sizeof text - 1, threshold);
  if (r.ec != std::errc()) return static_cast<int64_t>(std::ceil(threshold * count));
  *r.ptr = '\0';  // the longest double text is 24 characters
  unsigned __int128 digits = 0;  // at most 17 significant digits
  int exponent = 0;              // threshold = digits * 10^exponent
  bool after_point = false;
  const char* p = text;
  for (; p < r.ptr && *p != 'e'; ++p) {
    if (*p == '.') {
      after_point = true;
      continue;
    }
    digits = digits * 10 + static_cast<unsigned>(*p - '0');
    if (after_point) --exponent;
  }
  if (p < r.ptr) exponent += std::atoi(p + 1);
  // threshold < 1, so exponent < 0: need = ceil(digits * count / 10^-exponent).
  const unsigned __int128 product = digits * static_cast<unsigned __int128>(count);
  if (-exponent > 38) return 1;  // 10^38 exceeds digits * count: the ceiling of (0, 1)
  unsigned __int128 scale = 1;
  for (int i = 0; i < -exponent; ++i) scale *= 10;
  return static_cast<int64_t>((product + scale - 1) / scale);
}

}  // namespace geneft
