# Extra libraries per test: set(GENEFT_TEST_LINK_<name> ...).
set(GENEFT_TEST_LINK_test_statics geneft_statics)
set(GENEFT_TEST_LINK_test_statics_sampler geneft_statics)
set(GENEFT_TEST_LINK_test_statics_plugin geneft_statics)
# test_statics_plugin loads built plugins; build them first (the test target
# exists only once tests/CMakeLists.txt has run, hence the deferred call).
cmake_language(DEFER CALL add_dependencies test_statics_plugin
  analyzer_info_bound relation_mod_k relation_greater_than relation_bipartite relation_graph
  relation_addition)
set(GENEFT_TEST_LINK_test_phase geneft_phase_rule)
set(GENEFT_TEST_LINK_test_representation geneft_representation)
# Both load built plugins (addition relation + add_embeddings mode, the
# representation analyzer); build them first, as above.
cmake_language(DEFER CALL add_dependencies test_representation analyzer_representation
  relation_addition relation_mod_k relation_greater_than relation_bipartite modes geneft)
cmake_language(DEFER CALL add_dependencies test_addition_relation relation_addition)
set(GENEFT_TEST_LINK_test_phase_diagram geneft_phase_rule)
# test_report trains small studies with the geneft binary and reports them.
cmake_language(DEFER CALL add_dependencies test_report
  geneft relation_mod_k modes analyzer_phase analyzer_info_bound)
# test_plugin_check runs `geneft plugins --check` on built-in and test plugins.
cmake_language(DEFER CALL add_dependencies test_plugin_check
  geneft geneft_test_plugins relation_mod_k modes analyzer_phase)
# test_repon links the repon equations and loads the built repon plugin
# (with mod_k / greater_than) and runs `geneft theory`.
set(GENEFT_TEST_LINK_test_repon geneft_repon)
cmake_language(DEFER CALL add_dependencies test_repon
  analyzer_repon relation_mod_k relation_greater_than modes geneft)
# test_graph_relation links the graph readers and loads the built graph plugin.
set(GENEFT_TEST_LINK_test_graph_relation geneft_graph_io)
cmake_language(DEFER CALL add_dependencies test_graph_relation relation_graph geneft
  analyzer_info_bound)
# test_paper_studies trains every paper study (reduced) and reports it.
cmake_language(DEFER CALL add_dependencies test_paper_studies geneft relation_mod_k
  relation_greater_than relation_bipartite relation_addition modes analyzer_phase
  analyzer_info_bound analyzer_repon analyzer_representation)
# test_studies runs studies with the failing test plugins (a decoder mode that
# throws, an analyzer that fails).
cmake_language(DEFER CALL add_dependencies test_studies geneft_test_plugins)
# test_plugin_open opens built and test plugins; test_plugin_path runs the
# geneft binary with them.
cmake_language(DEFER CALL add_dependencies test_plugin_open geneft_test_plugins relation_mod_k)
cmake_language(DEFER CALL add_dependencies test_plugin_path geneft geneft_test_plugins
  relation_mod_k modes analyzer_info_bound analyzer_phase)
# test_mpi_studies runs geneft under mpirun; its cases exit 77 (skipped) in a
# build without MPI or on a machine without mpirun.
set(GENEFT_TEST_PROPERTIES_test_mpi_studies SKIP_RETURN_CODE 77)
cmake_language(DEFER CALL add_dependencies test_mpi_studies geneft relation_mod_k modes
  analyzer_phase)
# test_outcome_codec trains one run with the built plugins.
cmake_language(DEFER CALL add_dependencies test_outcome_codec relation_mod_k modes
  analyzer_phase analyzer_info_bound analyzer_representation)
# test_kernel_identity trains with every decoder mode and stores studies with
# the geneft binary under each kernel set.
cmake_language(DEFER CALL add_dependencies test_kernel_identity
  geneft modes relation_mod_k analyzer_phase)
set(GENEFT_TEST_LINK_test_statics_orbit geneft_statics)
# test_model_view trains with the geneft binary and in process, with the test
# plugins (the C margin example, view_digest) beside the built-in ones.
cmake_language(DEFER CALL add_dependencies test_model_view geneft geneft_test_plugins
  relation_mod_k relation_addition modes analyzer_phase)
# test_abi runs a study with the frozen ABI 1.1 plugin through the geneft binary.
cmake_language(DEFER CALL add_dependencies test_abi geneft geneft_test_plugins modes)
# test_kernel_identity's AVX-512 layout in portable vector code, built at
# -O1 (tests/avx512_layout_kernels.cpp says why) with the host's rule of no
# contraction. Not instrumented by the sanitizers: it is the kernel template
# the host's kernel sets compile (and the sanitizer build checks) once more,
# and instrumenting its 64-byte vectors made it the longest compile of that
# build (70 s).
add_library(geneft_avx512_layout_kernels STATIC avx512_layout_kernels.cpp)
target_link_libraries(geneft_avx512_layout_kernels PUBLIC geneft::core)
target_include_directories(geneft_avx512_layout_kernels PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_compile_options(geneft_avx512_layout_kernels PRIVATE -O1 -ffp-contract=off
                       $<$<BOOL:${GENEFT_SANITIZE}>:-fno-sanitize=all>)
set(GENEFT_TEST_LINK_test_kernel_identity geneft_avx512_layout_kernels)
