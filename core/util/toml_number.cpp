#include "util/toml_number.h"

#include <cmath>

namespace geneft {

bool IntegerAsDouble(int64_t i, double* out) {
  const double d = static_cast<double>(i);  // rounds to nearest
  // 2^63 itself is out of int64's range, so the round trip is checked below it.
  if (d >= 0x1p63 || static_cast<int64_t>(d) != i) return false;
  *out = d;
  return true;
}

std::string InexactIntegerRule(int64_t i) {
  return "the integer " + std::to_string(i) +
         " is beyond 2^53 and has no exact double; write it as a float to accept the rounding";
}

bool TomlToDouble(const toml::node& node, double* out, std::string* expected) {
  if (const auto* f = node.as_floating_point(); f != nullptr && std::isfinite(f->get())) {
    *out = f->get();
    return true;
  }
  if (const auto* i = node.as_integer()) {
    if (IntegerAsDouble(i->get(), out)) return true;
    *expected = "a finite number (" + InexactIntegerRule(i->get()) + ")";
    return false;
  }
  *expected = "a finite number";
  return false;
}

}  // namespace geneft
