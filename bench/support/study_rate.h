// Runs per second of one prepared study run in a fresh store with a given
// number of worker threads: what bench_studies and bench_sweep compare
// between 1 and 2 workers.
#pragma once

#include "study/prepared_study.h"

#include <string>
#include <vector>

namespace geneft::bench {

/// Runs `study` with `jobs` worker threads into a fresh store in the temp
/// folder (named after `bench` and `jobs`) and returns the runs completed
/// per second of the study's own time; false with *err if the store cannot
/// be opened or the study fails.
bool StudyRunsPerSecond(const PreparedStudy& study, int jobs, const std::string& bench,
                        double* runs_per_second, std::string* err);

/// Runs per second with 1 and with 2 workers, `repeats` of each,
/// interleaved so that a busy moment of the machine hits both alike.
bool OneAndTwoWorkers(const PreparedStudy& study, const std::string& bench, int repeats,
                      std::vector<double>* one, std::vector<double>* two, std::string* err);

}  // namespace geneft::bench
