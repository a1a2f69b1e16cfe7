target_sources(shirube_tests PRIVATE
  ${CMAKE_CURRENT_SOURCE_DIR}/tree_test.cpp)
