# LINE channel sources (webhook, events, inbox, API client). The renderer
# (line_render.cpp) is listed by its own part.
target_sources(shirube_webhooks PRIVATE
  ${CMAKE_CURRENT_SOURCE_DIR}/line_signature.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/line_events.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/line_prefecture.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/line_inbox.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/line_api.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/line_dispatch.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/line_counters.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/line_intake.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/line_loading.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/line_queues.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/line_send.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/line_senders.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/line_channel.cpp)
shirube_embed(data/prefecture_offices.tsv)
