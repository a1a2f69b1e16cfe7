# shirube_catch_labels(<target>): gives each test that catch_discover_tests() found in <target>
# its Catch tags as CTest labels ("[line]" -> label "line"), so `ctest -L line` runs them.
# Debian 12's Catch.cmake (Catch2 2.13.10) has no ADD_TAGS_AS_LABELS. Call it after
# catch_discover_tests(): like the discovery, it runs after each build of <target> and writes
# a file that CTest includes after the discovered tests.
#
# Script mode (the build runs it): -DTEST_EXECUTABLE=<exe> -DTEST_WORKING_DIR=<dir> -DOUT=<file>
if(CMAKE_SCRIPT_MODE_FILE)
  execute_process(COMMAND "${TEST_EXECUTABLE}" --list-tags
                  OUTPUT_VARIABLE tag_lines RESULT_VARIABLE rc
                  WORKING_DIRECTORY "${TEST_WORKING_DIR}")
  if(rc LESS 0 OR NOT rc MATCHES "^[0-9]+$")
    message(FATAL_ERROR "${TEST_EXECUTABLE} --list-tags failed: ${rc}")
  endif()
  # Lines like "  64  [line]"; the count is also the exit status of Catch's list commands.
  string(REGEX MATCHALL "\n *[0-9]+ +\\[[^\n]*\\]" tags "${tag_lines}")
  set(ids "")  # one per test: the MD5 of its name; name_<id> and labels_<id> hold the rest
  foreach(entry IN LISTS tags)
    string(REGEX REPLACE "^\n *[0-9]+ +" "" tag "${entry}")
    string(REGEX REPLACE "^\\[(.*)\\]$" "\\1" label "${tag}")
    execute_process(COMMAND "${TEST_EXECUTABLE}" "${tag}" --list-test-names-only
                    OUTPUT_VARIABLE names RESULT_VARIABLE rc
                    WORKING_DIRECTORY "${TEST_WORKING_DIR}")
    if(rc LESS 0 OR NOT rc MATCHES "^[0-9]+$")
      message(FATAL_ERROR "${TEST_EXECUTABLE} ${tag} --list-test-names-only failed: ${rc}")
    endif()
    # CTest splits a test name at ';' into two tests that match nothing and pass: refuse it.
    string(REGEX MATCH "[^\n]*;[^\n]*" bad_name "${names}")
    if(bad_name)
      message(FATAL_ERROR "a test name holds ';' (CTest would split it): ${bad_name}")
    endif()
    string(REPLACE "\n" ";" names "${names}")
    foreach(name IN LISTS names)
      if(NOT name STREQUAL "")
        string(MD5 id "${name}")
        if(NOT DEFINED name_${id})
          set(name_${id} "${name}")
          list(APPEND ids ${id})
        endif()
        list(APPEND labels_${id} "${label}")
      endif()
    endforeach()
  endforeach()
  # set_tests_properties() replaces LABELS, so each test gets all of its labels at once.
  # A test tagged [slow] (it reads every bundled answer or every labelled round) gets 300 s
  # instead of the default 60: under ThreadSanitizer on two cores it takes one to two minutes.
  set(script "")
  foreach(id IN LISTS ids)
    set(extra "")
    list(FIND labels_${id} "slow" slow_at)  # script mode: no IN_LIST (policy CMP0057)
    if(NOT slow_at EQUAL -1)
      set(extra " TIMEOUT 300")
    endif()
    string(APPEND script
           "set_tests_properties([==[${name_${id}}]==] PROPERTIES LABELS [==[${labels_${id}}]==]${extra})\n")
  endforeach()
  file(WRITE "${OUT}" "${script}")
  return()
endif()

set(_SHIRUBE_CATCH_LABELS_SCRIPT "${CMAKE_CURRENT_LIST_FILE}")

function(shirube_catch_labels target)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${target}_labels.cmake")
  add_custom_command(
    TARGET ${target} POST_BUILD
    BYPRODUCTS "${out}"
    COMMAND "${CMAKE_COMMAND}" -D "TEST_EXECUTABLE=$<TARGET_FILE:${target}>"
            -D "TEST_WORKING_DIR=${CMAKE_CURRENT_BINARY_DIR}" -D "OUT=${out}"
            -P "${_SHIRUBE_CATCH_LABELS_SCRIPT}"
    VERBATIM)
  set(include_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_labels_include.cmake")
  file(WRITE "${include_file}" "if(EXISTS \"${out}\")\n  include(\"${out}\")\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${include_file}")
endfunction()
