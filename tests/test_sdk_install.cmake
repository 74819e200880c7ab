# The installed SDK as a plugin author uses it (run by CTest with cmake -P):
#  1. installs the current build into a fresh prefix and checks the layout
#     (no test plugins, no benches);
#  2. configures and builds each example in <prefix>/share/geneft/examples
#     against that prefix only (CMAKE_PREFIX_PATH), never the build tree;
#  3. runs the INSTALLED geneft: `plugins` lists the examples and its own
#     built-in plugins from <prefix>/lib/geneft/plugins, `describe` shows the
#     examples' parameters, `plugins --check` passes them (and refuses the
#     same source built without geneft_add_plugin()), the example study
#     runs and the analyzer's results are in the store (`geneft export`).
# Inputs (-D): BINARY_DIR, WORK_DIR, LIBDIR, GENERATOR, MAKE_PROGRAM,
# C_COMPILER, CXX_COMPILER.
cmake_minimum_required(VERSION 3.22)

foreach(var BINARY_DIR WORK_DIR LIBDIR GENERATOR C_COMPILER CXX_COMPILER)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "test_sdk_install.cmake needs -D${var}=...")
  endif()
endforeach()

set(prefix ${WORK_DIR}/prefix)
set(geneft ${prefix}/bin/geneft)
set(examples ${prefix}/share/geneft/examples)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

# Runs a command; fails the test unless it exits with `expected`. The output
# (stdout and stderr) lands in the variable named by `out`.
function(run_step what expected out)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE text ERROR_VARIABLE text
                  WORKING_DIRECTORY ${WORK_DIR})
  if(NOT rc STREQUAL "${expected}")
    message(FATAL_ERROR "${what}: exit ${rc}, expected ${expected}\ncommand: ${ARGN}\n${text}")
  endif()
  message(STATUS "ok: ${what}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

function(expect_match what text regex)
  if(NOT text MATCHES "${regex}")
    message(FATAL_ERROR "${what}: output does not match '${regex}':\n${text}")
  endif()
endfunction()

function(expect_no_match what text regex)
  if(text MATCHES "${regex}")
    message(FATAL_ERROR "${what}: output must not match '${regex}':\n${text}")
  endif()
endfunction()

# `text` with regex metacharacters escaped, for paths inside a regex.
function(regex_escape out text)
  string(REGEX REPLACE "([][.*+?^$()|{}])" "\\\\\\1" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()
regex_escape(prefix_re "${prefix}")
regex_escape(binary_re "${BINARY_DIR}")

# ----- 1. install -----
run_step("cmake --install" 0 log ${CMAKE_COMMAND} --install ${BINARY_DIR} --prefix ${prefix})
foreach(file
    bin/geneft
    include/geneft/geneft_plugin.h
    include/geneft/version.h
    include/geneft/params.h
    include/geneft/descriptor.h
    include/geneft/host.h
    include/geneft/relation.h
    include/geneft/decoder_mode.h
    include/geneft/analyzer.h
    include/geneft/entry.h
    include/geneft/plugin.hpp
    ${LIBDIR}/cmake/geneft/geneftConfig.cmake
    ${LIBDIR}/cmake/geneft/geneftConfigVersion.cmake
    ${LIBDIR}/cmake/geneft/geneftTargets.cmake
    ${LIBDIR}/cmake/geneft/GeneftPlugin.cmake
    ${LIBDIR}/geneft/plugins/libgeneft_relation_mod_k.so
    ${LIBDIR}/geneft/plugins/libgeneft_modes.so
    share/geneft/examples/divides/CMakeLists.txt
    share/geneft/examples/loss_drop/CMakeLists.txt
    share/geneft/examples/margin/CMakeLists.txt
    share/geneft/examples/margin/margin.c
    share/geneft/examples/coprime/CMakeLists.txt
    share/geneft/examples/coprime/coprime.c
    share/doc/geneft/plugin-guide.md
    share/geneft/examples/divides-loss-drop.toml)
  if(NOT EXISTS ${prefix}/${file})
    message(FATAL_ERROR "the install lacks ${file}")
  endif()
endforeach()
file(GLOB_RECURSE test_plugins ${prefix}/*libgeneft_test_*)
file(GLOB programs RELATIVE ${prefix}/bin ${prefix}/bin/*)
if(test_plugins OR NOT programs STREQUAL "geneft")
  message(FATAL_ERROR "the install holds test plugins or extra programs: ${test_plugins} bin: ${programs}")
endif()
# Each part of the ABI header compiles on its own, as pedantic C99, from the
# prefix alone.
file(GLOB abi_parts RELATIVE ${prefix}/include ${prefix}/include/geneft/*.h)
foreach(part ${abi_parts})
  file(WRITE ${WORK_DIR}/part.c "#include <${part}>\n")
  run_step("${part} compiles alone" 0 log ${C_COMPILER} -std=c99 -pedantic-errors -Wall -Werror
           -I${prefix}/include -c ${WORK_DIR}/part.c -o ${WORK_DIR}/part.o)
endforeach()

# ----- 2. the examples, built against the prefix only -----
set(plugin_dirs "")
foreach(example divides loss_drop margin coprime)
  set(build ${WORK_DIR}/build-${example})
  set(configure ${CMAKE_COMMAND} -S ${examples}/${example} -B ${build} -G ${GENERATOR}
      -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
      -DCMAKE_C_COMPILER=${C_COMPILER}
      -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
  if(MAKE_PROGRAM)
    list(APPEND configure -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
  endif()
  run_step("configure example ${example}" 0 log ${configure})
  file(STRINGS ${build}/CMakeCache.txt geneft_dir REGEX "^geneft_DIR:")
  if(NOT geneft_dir STREQUAL "geneft_DIR:PATH=${prefix}/${LIBDIR}/cmake/geneft")
    message(FATAL_ERROR "example ${example} found geneft elsewhere: ${geneft_dir}")
  endif()
  run_step("build example ${example}" 0 log ${CMAKE_COMMAND} --build ${build})
  if(NOT EXISTS ${build}/libgeneft_${example}.so)
    message(FATAL_ERROR "building example ${example} gave no libgeneft_${example}.so:\n${log}")
  endif()
  list(APPEND plugin_dirs ${build})
endforeach()
string(REPLACE ";" ":" plugin_path "${plugin_dirs}")

# ----- 3. the installed geneft with the examples -----
set(with_examples ${CMAKE_COMMAND} -E env GENEFT_PLUGIN_PATH=${plugin_path})
set(without ${CMAKE_COMMAND} -E env --unset=GENEFT_PLUGIN_PATH)

run_step("geneft plugins" 0 out ${with_examples} ${geneft} plugins)
expect_match("geneft plugins" "${out}" "relation +divides +1\\.0\\.0 +[^\n]*/build-divides/libgeneft_divides\\.so")
expect_match("geneft plugins" "${out}" "analyzer +loss_drop +1\\.0\\.0 +[^\n]*/build-loss_drop/libgeneft_loss_drop\\.so")
expect_match("geneft plugins" "${out}" "analyzer +margin +1\\.0\\.0 +[^\n]*/build-margin/libgeneft_margin\\.so")
expect_match("geneft plugins" "${out}" "relation +coprime +1\\.0\\.0 +[^\n]*/build-coprime/libgeneft_coprime\\.so")
# Its own plugins come from beside the installed binary, not the build tree.
expect_match("geneft plugins" "${out}" "relation +mod_k +[^ ]+ +${prefix_re}/${LIBDIR}/geneft/plugins/libgeneft_relation_mod_k\\.so")
expect_no_match("geneft plugins" "${out}" "${binary_re}/${LIBDIR}/geneft/plugins")

run_step("geneft plugins without the examples" 0 out ${without} ${geneft} plugins)
expect_no_match("geneft plugins without the examples" "${out}" "divides")

run_step("geneft describe relation.divides" 0 out ${with_examples} ${geneft} describe relation.divides)
expect_match("describe divides" "${out}" "x ~ y iff x divides y")
expect_match("describe divides" "${out}" "\n  n +int +24 +largest integer")
run_step("geneft describe analyzer.loss_drop" 0 out ${with_examples} ${geneft} describe analyzer.loss_drop)
expect_match("describe loss_drop" "${out}" "\n  fraction +double +0\\.1 +")

foreach(example divides loss_drop margin coprime)
  run_step("geneft plugins --check ${example}" 0 out
           ${without} ${geneft} plugins --check ${WORK_DIR}/build-${example}/libgeneft_${example}.so)
  expect_match("check ${example}" "${out}" ", 0 failed")
endforeach()

# The same source compiled by hand, without geneft_add_plugin(), exports its
# C++ internals: the check must refuse it (and the installed headers must
# compile on their own).
set(unhidden ${WORK_DIR}/libgeneft_unhidden.so)
run_step("compile divides.cpp without geneft_add_plugin" 0 log ${CXX_COMPILER} -std=c++20 -fPIC
         -shared -I${prefix}/include ${examples}/divides/divides.cpp -o ${unhidden})
run_step("geneft plugins --check refuses it" 2 out ${without} ${geneft} plugins --check ${unhidden})
expect_match("check unhidden" "${out}" "FAIL exports [0-9]+ symbols besides .geneft_entry.")

set(store ${WORK_DIR}/divides-loss-drop.db)
set(plugin_options "")
foreach(dir ${plugin_dirs})
  list(APPEND plugin_options --plugin-path ${dir})
endforeach()
run_step("geneft run the example study" 0 out ${without} ${geneft} run
         ${examples}/divides-loss-drop.toml ${plugin_options} -o ${store} -j 1 -q)
run_step("geneft export results" 0 out ${without} ${geneft} export ${store} --table results)
foreach(name orders ratio step_below)
  expect_match("export results" "${out}" "loss_drop\\.${name},-?[0-9]")
endforeach()
# The plain-C margin analyzer reads the model's predictions (ABI 1.2).
set(margin_study ${WORK_DIR}/margin.toml)
file(WRITE ${margin_study} "[study]\nname = \"margin\"\n[relation]\nplugin = \"mod_k\"\nn = 8\n"
     "[train]\nsteps = 100\nfraction = 0.5\n[[analyzer]]\nplugin = \"margin\"\n")
run_step("geneft run a study with the margin analyzer" 0 out ${without} ${geneft} run
         ${margin_study} ${plugin_options} -o ${WORK_DIR}/margin.db -j 1 -q)
run_step("geneft export margin results" 0 out ${without} ${geneft} export ${WORK_DIR}/margin.db
         --table results)
expect_match("export margin results" "${out}" "margin\\.mean_test_margin,-?[0-9]")
expect_match("export margin results" "${out}" "margin\\.test_pairs,32")
# The plain-C coprime relation: no closed form, so b comes from its
# automorphisms and info_bound samples the bound. On 1 .. 12 integers with
# the same prime factors are interchangeable ({2, 4, 8}, {3, 9}, {6, 12})
# and so are the lone primes 7 and 11: |Aut| = 3! 2 2 2 = 48, and
# b = log2(12! / 48) = 23.25.
run_step("geneft theory on the coprime relation" 0 out ${without} ${geneft} theory
         --relation coprime --set n=12 ${plugin_options})
expect_match("theory coprime" "${out}" "info_bound\\.b +23\\.25")
expect_match("theory coprime" "${out}" "info_bound\\.f_ub_monte_carlo")
message(STATUS "the installed SDK builds and runs out-of-tree plugins")
