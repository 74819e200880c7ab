// TOML numbers as doubles, refusing what a double cannot hold: an integer
// written into a float setting must survive the conversion exactly (an
// integer above 2^53 would otherwise become another number, or garbage).
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <string>

namespace geneft {

/// `i` as a double when a double holds it exactly (every |i| <= 2^53 does).
bool IntegerAsDouble(int64_t i, double* out);

/// The rule an inexact integer breaks, for messages: "the integer
/// 9007199254740993 is beyond 2^53 and has no exact double; write it as a
/// float to accept the rounding".
std::string InexactIntegerRule(int64_t i);

/// A TOML float (finite) or integer (held exactly) as a double. False with
/// *expected saying what the value must be, after "must be" or "expected":
/// "a finite number", or for an inexact integer "a finite number (<rule>)".
bool TomlToDouble(const toml::node& node, double* out, std::string* expected);

}  // namespace geneft
