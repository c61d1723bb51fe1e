# Runs the consumer project (CTest): -DMODE=find_package|subdirectory -DSRC -DBUILD -DWORK -DGEN
# GEN is the generator of the build under test: without it CMake picks its default generator
# (Unix Makefiles), whose `make` a machine with only Ninja does not have.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed: ${ARGN}\n${out}\n${err}")
  endif()
endfunction()
if(MODE STREQUAL "find_package")
  run(${CMAKE_COMMAND} --install ${BUILD} --prefix ${WORK}/prefix)
  run(${CMAKE_COMMAND} -S ${SRC}/test/consumer -B ${WORK}/build -G ${GEN} -DUSE=find_package
      -DCMAKE_PREFIX_PATH=${WORK}/prefix)
else()
  run(${CMAKE_COMMAND} -S ${SRC}/test/consumer -B ${WORK}/build -G ${GEN} -DUSE=subdirectory -DOPENROUTER_SOURCE=${SRC})
endif()
run(${CMAKE_COMMAND} --build ${WORK}/build -j 2)
run(${WORK}/build/app)
message(STATUS "consumer (${MODE}) ok")
