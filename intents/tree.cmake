# The decision tree: its code and its data file (compiled into the binary).
target_sources(shirube_intents PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/tree.cpp)
shirube_embed(data/tree.json)
