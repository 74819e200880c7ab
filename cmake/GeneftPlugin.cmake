# geneft_add_plugin(<name> <source>... [LINK <target>...]
#                   [OUTPUT_DIRECTORY <dir>] [NO_INSTALL])
#
# Builds one geneft plugin library, libgeneft_<name>.so: a MODULE (dlopen-only)
# shared library with hidden visibility and a linker version script, so the
# only exported symbol is `geneft_entry`. It links geneft::sdk (the ABI
# headers) and the LINK targets.
#
# This one file serves both builds:
#  - in the geneft source tree (included by the top-level CMakeLists.txt),
#    plugins land in GENEFT_PLUGIN_OUTPUT_DIR, where the host looks first,
#    and install into GENEFT_INSTALL_PLUGIN_DIR;
#  - in a project outside the tree (included by geneftConfig.cmake after
#    find_package(geneft)), plugins land in the current build folder (point
#    GENEFT_PLUGIN_PATH or --plugin-path there) and `cmake --install` puts
#    them in <prefix>/lib/geneft/plugins, where a geneft installed in the
#    same prefix finds them without any setting.
#
# OUTPUT_DIRECTORY overrides where the library is built; NO_INSTALL skips the
# install rule (test plugins).
include_guard(GLOBAL)

function(geneft_add_plugin name)
  cmake_parse_arguments(ARG "NO_INSTALL" "OUTPUT_DIRECTORY" "LINK" ${ARGN})
  if(NOT ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "geneft_add_plugin(${name}): no source files given")
  endif()
  if(NOT TARGET geneft::sdk)
    message(FATAL_ERROR "geneft_add_plugin(${name}): target geneft::sdk is missing; "
                        "call find_package(geneft REQUIRED) first")
  endif()
  add_library(${name} MODULE ${ARG_UNPARSED_ARGUMENTS})
  target_link_libraries(${name} PRIVATE geneft::sdk ${ARG_LINK})
  set_target_properties(${name} PROPERTIES
    PREFIX "libgeneft_"
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  # Hidden visibility is not enough: libstdc++ inline statics (e.g. from
  # std::to_string) are emitted as unique global symbols. A version script
  # makes geneft_entry the only exported name.
  set(map ${CMAKE_BINARY_DIR}/geneft_plugin_exports.map)
  if(NOT EXISTS ${map})
    file(WRITE ${map} "{\n  global: geneft_entry;\n  local: *;\n};\n")
  endif()
  target_link_options(${name} PRIVATE -Wl,--version-script=${map} -Wl,--exclude-libs,ALL)
  set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS ${map})
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY})
  elseif(DEFINED GENEFT_PLUGIN_OUTPUT_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${GENEFT_PLUGIN_OUTPUT_DIR})
  endif()
  if(DEFINED GENEFT_INSTALL_PLUGIN_DIR AND NOT ARG_NO_INSTALL)
    install(TARGETS ${name} LIBRARY DESTINATION ${GENEFT_INSTALL_PLUGIN_DIR})
  endif()
endfunction()
