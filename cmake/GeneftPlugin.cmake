# geneft_add_plugin(<name> <source>... [LINK <target>...]
#                   [OUTPUT_DIRECTORY <dir>] [NO_INSTALL])
#
# Builds one geneft plugin library: a MODULE (dlopen-only) shared library with
# hidden visibility, so the only exported symbol is `geneft_entry`. In the
# source tree it lands in GENEFT_PLUGIN_OUTPUT_DIR, where the host looks first;
# installed SDKs use the same function (see geneftConfig.cmake).
function(geneft_add_plugin name)
  cmake_parse_arguments(ARG "NO_INSTALL" "OUTPUT_DIRECTORY" "LINK" ${ARGN})
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
