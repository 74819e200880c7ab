#include "store/store_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

namespace geneft {
namespace {

std::string Holder(const std::string& command) {
  char host[256] = "unknown host";
  if (gethostname(host, sizeof host) != 0) std::strcpy(host, "unknown host");
  host[sizeof host - 1] = '\0';
  const std::time_t now = std::time(nullptr);
  char since[32];
  std::strftime(since, sizeof since, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return "pid " + std::to_string(getpid()) + " on " + host + ", since " + since + ": " + command;
}

// What the holder wrote into the lock file (it may not have written yet).
std::string ReadHolder(int fd) {
  char buf[4096];
  const ssize_t got = pread(fd, buf, sizeof buf - 1, 0);
  if (got <= 0) return "a process that has not yet said who it is";
  std::string text(buf, static_cast<size_t>(got));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0')) text.pop_back();
  return text;
}

// True when `fd` is still the file at `file`: a holder that released the lock
// may have removed the file after we opened it.
bool SameFile(int fd, const std::string& file) {
  struct stat opened {}, named {};
  return fstat(fd, &opened) == 0 && stat(file.c_str(), &named) == 0 &&
         opened.st_dev == named.st_dev && opened.st_ino == named.st_ino;
}

}  // namespace

std::filesystem::path StoreLockFile(const std::filesystem::path& store) {
  return store.string() + ".lock";
}

bool StoreLock::Acquire(const std::filesystem::path& store, const std::string& command,
                        std::string* err) {
  Release();
  busy_ = false;
  const std::string file = StoreLockFile(store).string();
  for (int attempt = 0; attempt < 100; ++attempt) {
    const int fd = open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      *err = "cannot create lock file [" + file + "]: " + std::strerror(errno);
      return false;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      busy_ = error == EWOULDBLOCK;
      *err = busy_ ? "store [" + store.string() + "] is being written by another geneft (" +
                         ReadHolder(fd) + "); wait for it to finish or stop it"
                   : "cannot lock [" + file + "]: " + std::strerror(error);
      close(fd);
      return false;
    }
    if (!SameFile(fd, file)) {
      close(fd);
      continue;
    }
    const std::string holder = Holder(command) + "\n";
    if (ftruncate(fd, 0) != 0 ||
        pwrite(fd, holder.data(), holder.size(), 0) != static_cast<ssize_t>(holder.size())) {
      *err = "cannot write lock file [" + file + "]: " + std::strerror(errno);
      unlink(file.c_str());
      close(fd);
      return false;
    }
    fd_ = fd;
    store_ = store;
    file_ = file;
    return true;
  }
  *err = "cannot lock [" + file + "]: the file keeps being replaced";
  return false;
}

void StoreLock::Release() {
  if (fd_ < 0) return;
  // Removed while still locked, so no one locks a file that is going away.
  unlink(file_.c_str());
  close(fd_);
  fd_ = -1;
}

}  // namespace geneft
