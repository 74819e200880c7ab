// --new-store: an existing store moved aside, never overwriting anything.
#pragma once

#include <filesystem>
#include <string>

namespace geneft {

/// Moves the store at `store` with its -wal and -shm files to
/// STORE.<UTC time>.old (STORE.<time>-2.old, -3, ... when that name is
/// taken), so a store set aside within the same second as another, or
/// beside any existing file, loses nothing. *kept is the new name, or empty
/// when there was no store. The caller holds the store's lock, so no writer
/// is at work on it. Returns false with *err when a file cannot be moved.
bool SetAsideStore(const std::filesystem::path& store, std::filesystem::path* kept,
                   std::string* err);

}  // namespace geneft
