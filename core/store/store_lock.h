// The writer's exclusive claim on a store. One process at a time may write a
// store (`geneft run`, `geneft merge` into it); readers (`report`, `export`)
// never need the lock and read while it is held.
//
// The lock is an flock(2) on STORE.lock beside the store, a file that names
// its holder (pid, host, command, start time) for the refusal a second
// writer gets. The kernel drops an flock when its process ends in any way,
// kill -9 included, so a lock never outlives its holder; the file is removed
// on Release(). flock is per open file: two StoreLocks in one process
// exclude each other too. SQLite's own -wal/-shm locking is unchanged; this
// lock only keeps a second writer (or --new-store's move) off a store in use.
#pragma once

#include <filesystem>
#include <string>

namespace geneft {

class StoreLock {
 public:
  StoreLock() = default;
  ~StoreLock() { Release(); }
  StoreLock(const StoreLock&) = delete;
  StoreLock& operator=(const StoreLock&) = delete;

  /// Takes the lock of the store at `store` (which need not exist yet) for
  /// `command`, the command line a refused writer is shown. Returns false
  /// with *err when another writer holds it (then busy() is true and *err
  /// names the holder) or when the lock file cannot be created or written.
  bool Acquire(const std::filesystem::path& store, const std::string& command, std::string* err);

  /// Gives the lock up and removes the lock file; a no-op when not held.
  void Release();

  bool held() const { return fd_ >= 0; }
  /// The last Acquire() failed because another writer holds the lock.
  bool busy() const { return busy_; }
  /// The store this lock guards (valid while held).
  const std::filesystem::path& store() const { return store_; }

 private:
  int fd_ = -1;
  bool busy_ = false;
  std::filesystem::path store_, file_;
};

/// The lock file of the store at `store`: STORE.lock.
std::filesystem::path StoreLockFile(const std::filesystem::path& store);

}  // namespace geneft
