// The study bench_studies and bench_mpi both time, so that their runs per
// second compare: 16 runs of the paper's default model (n = 30, concat,
// 3 x 50 tanh) for 2,000 steps each, long enough that scheduling overhead
// is not what is measured.
#pragma once

namespace geneft::bench {

inline constexpr const char* kSmallStudy = R"toml(
[study]
name = "bench-small-study"
[relation]
plugin = "mod_k"
k = 3
[train]
steps = 2000
eval_every = 500
[sweep]
"train.lr_dec" = "logspace(-4, -2, 4)"
replicates = 4
)toml";
inline constexpr int kSmallStudyRuns = 16;
inline constexpr int kSmallStudySteps = 2000;

}  // namespace geneft::bench
