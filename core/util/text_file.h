// Writing a whole text file, with the reason when it fails.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace geneft {

/// Creates or replaces `path` with `text`. False when the file cannot be
/// opened, written or closed, with *err = "cannot write PATH: <reason>"
/// (the system's reason, e.g. "No such file or directory").
bool WriteTextFile(const std::filesystem::path& path, std::string_view text, std::string* err);

}  // namespace geneft
