# Extra libraries per benchmark: set(GENEFT_BENCH_LINK_<name> ...).
set(GENEFT_BENCH_LINK_bench_statics geneft_statics)
set(GENEFT_BENCH_LINK_bench_activation Eigen3::Eigen)
