#include "util/text_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace geneft {

bool WriteTextFile(const std::filesystem::path& path, std::string_view text, std::string* err) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  bool ok = file != nullptr;
  // errno of the first failure: a failed write is not hidden by a later close.
  int reason = ok ? 0 : errno;
  if (ok && std::fwrite(text.data(), 1, text.size(), file) != text.size()) ok = false, reason = errno;
  if (file != nullptr && std::fclose(file) != 0 && ok) ok = false, reason = errno;
  if (!ok) *err = "cannot write " + path.string() + ": " + std::strerror(reason);
  return ok;
}

}  // namespace geneft
