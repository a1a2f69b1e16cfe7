# LINE channel tests (tag [line]).
target_sources(shirube_tests PRIVATE
  ${CMAKE_SOURCE_DIR}/tests/support/fake_line_api.cpp
  ${CMAKE_SOURCE_DIR}/tests/support/fake_line_rich_menu.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/line_signature_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/line_events_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/line_prefecture_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/line_inbox_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/line_queues_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/line_dispatch_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/line_channel_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/line_e2e_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/rich_menu_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/rich_menu_cli_test.cpp)
