// A system error in the house wording: lowercase, as SQLite words its
// messages ("no such file or directory", not "No such file or directory").
#pragma once

#include <string>
#include <system_error>

namespace geneft {

/// ec.message() with its first letter lowercased.
std::string ErrorText(const std::error_code& ec);

}  // namespace geneft
