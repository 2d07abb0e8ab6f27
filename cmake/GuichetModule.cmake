# Helpers shared by every module's CMakeLists.txt.
#
#   guichet_warnings(target)          the project's warning set, private to the target
#   guichet_add_module(NAME target SOURCES ... [PUBLIC_DEPS ...] [PRIVATE_DEPS ...] [INCLUDE dir])
#       a static library whose public headers live in <dir>/include (default: the calling folder)
#   guichet_add_tests(NAME target SOURCES ... DEPS ... [ENVIRONMENT "VAR=value"] [ENV_SET VAR=value])
#       a Catch2 executable registered with CTest (one per module, tests mirror the tree); its tests
#       run with OMP_THREAD_LIMIT=1, or with the one ENVIRONMENT variable given instead (a CMake
#       list cannot pass through catch_discover_tests: SDL_VIDEODRIVER=offscreen for screen tests);
#       ENV_SET sets one more variable on top (ENVIRONMENT_MODIFICATION: SANE_CONFIG_DIR...)

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
  cmake_parse_arguments(T "" "NAME;ENVIRONMENT;ENV_SET" "SOURCES;DEPS" ${ARGN})
  if(NOT T_ENVIRONMENT)
    set(T_ENVIRONMENT "OMP_THREAD_LIMIT=1")
  endif()
  add_executable(${T_NAME} ${T_SOURCES})
  if(GUICHET_SANITIZE)
    # The tests get the sanitizers with every other target (top-level CMakeLists.txt); here, the
    # leak suppressions for third-party libraries, without which LeakSanitizer fails them at exit.
    target_sources(${T_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/cmake/SanitizerDefaults.cpp)
  endif()
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
                       PROPERTIES ENVIRONMENT "${T_ENVIRONMENT}" ${extra_properties})
endfunction()
