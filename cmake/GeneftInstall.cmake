# The installable SDK: `cmake --install <build> --prefix P` gives
#   P/bin/geneft                              the host
#   P/lib/geneft/plugins/libgeneft_*.so       the built-in plugins
#   P/include/geneft/                         the ABI headers
#   P/lib/cmake/geneft/geneftConfig*.cmake    find_package(geneft): the
#                                             geneft::sdk target and
#                                             geneft_add_plugin()
#   P/share/geneft/                           studies and examples
# Included once from the top-level CMakeLists.txt, after every target exists.
# Test plugins (NO_INSTALL) and benches have no install rule.
include(CMakePackageConfigHelpers)

set(GENEFT_INSTALL_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/geneft)

# The header-only SDK target, exported as geneft::sdk.
set_target_properties(geneft_sdk PROPERTIES EXPORT_NAME sdk)
install(TARGETS geneft_sdk EXPORT geneftTargets)
install(EXPORT geneftTargets NAMESPACE geneft:: DESTINATION ${GENEFT_INSTALL_CMAKE_DIR})

configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/geneftConfig.cmake.in
  ${CMAKE_BINARY_DIR}/cmake/geneftConfig.cmake
  INSTALL_DESTINATION ${GENEFT_INSTALL_CMAKE_DIR}
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR CMAKE_INSTALL_BINDIR GENEFT_INSTALL_PLUGIN_DIR)
write_basic_package_version_file(
  ${CMAKE_BINARY_DIR}/cmake/geneftConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMajorVersion)
install(FILES
  ${CMAKE_BINARY_DIR}/cmake/geneftConfig.cmake
  ${CMAKE_BINARY_DIR}/cmake/geneftConfigVersion.cmake
  ${CMAKE_CURRENT_LIST_DIR}/GeneftPlugin.cmake
  DESTINATION ${GENEFT_INSTALL_CMAKE_DIR})
