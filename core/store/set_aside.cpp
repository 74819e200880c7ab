#include "store/set_aside.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

namespace geneft {
namespace {

// Renames `from` to `to` unless `to` exists (then errno is EEXIST). Where the
// file system cannot rename that way, a hard link does the same.
bool MoveWithoutReplacing(const std::string& from, const std::string& to) {
  if (renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
  if (errno != EINVAL && errno != ENOSYS) return false;
  if (link(from.c_str(), to.c_str()) != 0) return false;
  return unlink(from.c_str()) == 0;
}

std::string UtcStamp() {
  const std::time_t now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", std::gmtime(&now));
  return stamp;
}

}  // namespace

bool SetAsideStore(const std::filesystem::path& store, std::filesystem::path* kept,
                   std::string* err) {
  kept->clear();
  std::error_code ec;
  if (!std::filesystem::exists(store, ec)) return true;
  const std::string base = store.string() + "." + UtcStamp();
  std::string target;
  for (int n = 1; target.empty(); ++n) {
    const std::string name = base + (n == 1 ? "" : "-" + std::to_string(n)) + ".old";
    if (MoveWithoutReplacing(store.string(), name)) target = name;
    else if (errno != EEXIST || n == 1000)
      return *err = "cannot move " + store.string() + " aside to " + name + ": " +
                    std::strerror(errno), false;
  }
  *kept = target;
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string from = store.string() + suffix;
    if (std::filesystem::exists(from, ec) && !MoveWithoutReplacing(from, target + suffix))
      return *err = "cannot move " + from + " aside to " + target + suffix + ": " +
                    std::strerror(errno), false;
  }
  return true;
}

}  // namespace geneft
