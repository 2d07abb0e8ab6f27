# Helpers shared by every module's CMakeLists.txt.
#
#   guichet_warnings(target)          the project's warning set, private to the target
#   guichet_add_module(NAME target SOURCES ... [PUBLIC_DEPS ...] [PRIVATE_DEPS ...] [INCLUDE dir])
#       a static library whose public headers live in <dir>/include (default: the calling folder)
#   guichet_add_tests(NAME target SOURCES ... DEPS ... [ENV_SET VAR=value])
#       a Catch2 executable registered with CTest (one per module, tests mirror the tree); ENV_SET
#       sets one more environment variable for its tests (ENVIRONMENT_MODIFICATION, so it does not
#       replace OMP_THREAD_LIMIT)

function(guichet_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion -Wnon-virtual-dtor -Wold-style-cast)
  if(GUICHET_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

function(guichet_add_module)
  cmake_parse_arguments(M "" "NAME;INCLUDE" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  if(NOT M_INCLUDE)
    set(M_INCLUDE ${CMAKE_CURRENT_SOURCE_DIR}/include)
  endif()
  add_library(${M_NAME} STATIC ${M_SOURCES})
  target_include_directories(${M_NAME} PUBLIC ${M_INCLUDE})
  target_link_libraries(${M_NAME} PUBLIC ${M_PUBLIC_DEPS} PRIVATE ${M_PRIVATE_DEPS})
  target_compile_features(${M_NAME} PUBLIC cxx_std_20)
  guichet_warnings(${M_NAME})
endfunction()

function(guichet_add_tests)
  cmake_parse_arguments(T "" "NAME;ENV_SET" "SOURCES;DEPS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_DEPS} Catch2::Catch2WithMain)
  target_include_directories(${T_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/tests/support)
  target_compile_definitions(${T_NAME} PRIVATE GUICHET_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  guichet_warnings(${T_NAME})
  # --warn NoTests: a CTest entry whose name matches no test case fails instead of passing (a ";"
  # in a test name splits it in two CMake list items, and neither half matched anything).
  set(extra_properties)
  if(T_ENV_SET)
    string(REPLACE "=" "=set:" modification "${T_ENV_SET}")
    set(extra_properties ENVIRONMENT_MODIFICATION "${modification}")
  endif()
  catch_discover_tests(${T_NAME} WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}
                       EXTRA_ARGS --warn NoTests
                       PROPERTIES ENVIRONMENT "OMP_THREAD_LIMIT=1" ${extra_properties})
endfunction()
