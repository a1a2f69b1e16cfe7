# shirube_embed(<files...>): register data files (paths relative to the source root)
# to be compiled into the binary. Look them up with shirube::embedded_file("intents/data/x.tsv").
function(shirube_embed)
  foreach(f IN LISTS ARGN)
    file(RELATIVE_PATH rel "${PROJECT_SOURCE_DIR}" "${CMAKE_CURRENT_SOURCE_DIR}/${f}")
    set_property(GLOBAL APPEND PROPERTY SHIRUBE_EMBEDDED_FILES "${rel}")
  endforeach()
endfunction()

# shirube_embed_files(<out.cpp> <relative paths...>): writes one .cpp that holds every file
# as a byte array, regenerated whenever one of them changes.
function(shirube_embed_files out)
  set(abs "")
  foreach(rel IN LISTS ARGN)
    list(APPEND abs "${PROJECT_SOURCE_DIR}/${rel}")
  endforeach()
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DROOT=${PROJECT_SOURCE_DIR} "-DFILES=${ARGN}"
            -P "${PROJECT_SOURCE_DIR}/cmake/ShirubeEmbedGen.cmake"
    DEPENDS ${abs} "${PROJECT_SOURCE_DIR}/cmake/ShirubeEmbedGen.cmake"
    COMMENT "Embedding data files"
    VERBATIM)
endfunction()
