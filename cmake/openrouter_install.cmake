include(GNUInstallDirs)
include(CMakePackageConfigHelpers)
install(TARGETS openrouter EXPORT openrouterTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/openrouter DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT openrouterTargets NAMESPACE openrouter:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/openrouter)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/openrouterConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/openrouterConfig.cmake INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/openrouter)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/openrouterConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/openrouterConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/openrouterConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/openrouter)
