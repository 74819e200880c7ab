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
#
# In the geneft tree a plugin is a sealed room: once every target exists, the
# plugin and each in-tree library it links may compile only sources of the
# plugin's own folder, include only that folder, common/ and the SDK, and
# link only geneft::sdk, geneft::common, libraries of its own folder and
# system libraries. Reaching into core/ or a sibling plugin is a configure
# error, not a convention.
include_guard(GLOBAL)

# True when `path` lies inside one of the folders in `allowed`, or outside the
# geneft source tree altogether (system headers and libraries).
function(_geneft_path_allowed path allowed out)
  cmake_path(ABSOLUTE_PATH path NORMALIZE)
  set(${out} FALSE PARENT_SCOPE)
  cmake_path(IS_PREFIX GENEFT_SOURCE_ROOT "${path}" NORMALIZE in_tree)
  if(NOT in_tree)
    set(${out} TRUE PARENT_SCOPE)
    return()
  endif()
  foreach(dir ${allowed})
    cmake_path(IS_PREFIX dir "${path}" NORMALIZE inside)
    if(inside)
      set(${out} TRUE PARENT_SCOPE)
      return()
    endif()
  endforeach()
endfunction()

# Checks one target of plugin `plugin` (the plugin or a library it links)
# against the folders it may use; recurses into in-tree libraries it links.
function(_geneft_check_sealed plugin target allowed)
  get_target_property(type ${target} TYPE)
  get_target_property(dir ${target} SOURCE_DIR)
  if(NOT type STREQUAL "INTERFACE_LIBRARY")
    get_target_property(sources ${target} SOURCES)
    foreach(source ${sources})
      if(source MATCHES "^\\$<")
        continue()
      endif()
      cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY ${dir} NORMALIZE OUTPUT_VARIABLE full)
      _geneft_path_allowed("${full}" "${allowed}" ok)
      if(NOT ok)
        message(FATAL_ERROR "plugin ${plugin}: ${target} compiles ${full}, outside the "
                "plugin's folder; share code through geneft::common instead")
      endif()
    endforeach()
    get_target_property(includes ${target} INCLUDE_DIRECTORIES)
    foreach(include ${includes})
      if(include MATCHES "^\\$<" OR NOT include)
        continue()
      endif()
      cmake_path(ABSOLUTE_PATH include BASE_DIRECTORY ${dir} NORMALIZE)
      _geneft_path_allowed("${include}" "${allowed}" ok)
      if(NOT ok)
        message(FATAL_ERROR "plugin ${plugin}: ${target} includes ${include}, outside the "
                "plugin's folder, common/ and the SDK")
      endif()
    endforeach()
  endif()
  get_target_property(links ${target} INTERFACE_LINK_LIBRARIES)
  if(NOT type STREQUAL "INTERFACE_LIBRARY")
    get_target_property(private_links ${target} LINK_LIBRARIES)
    list(APPEND links ${private_links})
  endif()
  foreach(link ${links})
    if(NOT link OR link MATCHES "^\\$<" OR NOT TARGET ${link})
      continue()
    endif()
    get_target_property(aliased ${link} ALIASED_TARGET)
    if(aliased)
      set(link ${aliased})
    endif()
    get_target_property(imported ${link} IMPORTED)
    if(imported OR link STREQUAL "geneft_sdk" OR link STREQUAL "geneft_common")
      continue()
    endif()
    get_target_property(link_dir ${link} SOURCE_DIR)
    _geneft_path_allowed("${link_dir}" "${allowed}" ok)
    if(NOT ok)
      message(FATAL_ERROR "plugin ${plugin}: links ${link} from ${link_dir}; a plugin may "
              "link geneft::sdk, geneft::common and libraries of its own folder only")
    endif()
    _geneft_check_sealed(${plugin} ${link} "${allowed}")
  endforeach()
endfunction()

function(_geneft_check_plugin_boundary name)
  get_target_property(dir ${name} SOURCE_DIR)
  set(allowed ${dir} ${GENEFT_SOURCE_ROOT}/common ${GENEFT_SOURCE_ROOT}/plugins/include)
  _geneft_check_sealed(${name} ${name} "${allowed}")
endfunction()

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
  if(DEFINED GENEFT_SOURCE_ROOT)
    # A deferred call reads variables when it runs; EVAL pins the name now.
    cmake_language(EVAL CODE "cmake_language(DEFER DIRECTORY [[${GENEFT_SOURCE_ROOT}]]
                   CALL _geneft_check_plugin_boundary [[${name}]])")
  endif()
endfunction()
