// geneft merge: the stores of a sharded study combined into one.
#pragma once

#include "store/result_store.h"

#include <filesystem>
#include <string>

namespace geneft {

/// Copies every run of the store at `in` that `out` lacks, with its
/// settings, trajectory, embeddings and per-run results (study-level results
/// are left out: the study stage reruns over the merged runs). `in` is read
/// only; `out` takes its study when it has none, and refuses a store of a
/// different study definition with what differs. *copied counts the runs.
bool MergeStore(ResultStore& out, const std::filesystem::path& in, int* copied, std::string* err);

}  // namespace geneft
