// A finished run as bytes, for the processes of an MPI study: the worker
// that trained it encodes it, rank 0 decodes and stores it exactly as if it
// had trained it itself. Every field of ExecutedRun travels, bit for bit
// (NaN included), so the store cannot tell where a run was trained.
//
// The format is little-endian and versioned; both ends must be the same
// geneft build (a different version is refused, not misread).
#pragma once

#include "run/run_executor.h"

#include <string>
#include <string_view>

namespace geneft {

/// The bytes of `run`. [thread-safe]
std::string EncodeExecutedRun(const ExecutedRun& run);

/// Reads bytes EncodeExecutedRun wrote into *out. Returns false, with *err
/// naming what and where ("run outcome message: ends after 120 bytes, 8
/// more expected inside train.trajectory.loss"), when they are truncated,
/// longer than the fields or of another format version. [thread-safe]
bool DecodeExecutedRun(std::string_view bytes, ExecutedRun* out, std::string* err);

}  // namespace geneft
