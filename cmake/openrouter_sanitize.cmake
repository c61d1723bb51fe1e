# OPENROUTER_SANITIZE and OPENROUTER_FUZZ (see the top CMakeLists.txt and docs/reliability.md).
if(OPENROUTER_SANITIZE)
  set(_or_san_flags -fsanitize=${OPENROUTER_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  # Clang 14's -fsanitize=function (part of "undefined" in C++) breaks on coroutine frames: the
  # assembler fails with "Cannot represent a difference across sections" for every coroutine. It
  # checks calls through function pointers of the wrong type, which the rest of UBSan does not
  # replace; it is the only check left out.
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang" AND OPENROUTER_SANITIZE MATCHES "undefined")
    list(APPEND _or_san_flags -fno-sanitize=function)
  endif()
  add_compile_options(${_or_san_flags})
  add_link_options(${_or_san_flags})
  message(STATUS "openrouter: sanitizers ${OPENROUTER_SANITIZE}")
endif()
if(OPENROUTER_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "OPENROUTER_FUZZ needs Clang (libFuzzer): configure with CXX=clang++")
  endif()
  # Coverage instrumentation for everything; only test/fuzz targets link the fuzzer's main.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
