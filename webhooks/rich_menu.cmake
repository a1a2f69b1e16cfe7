# The LINE rich menu (`shirube line rich-menu`): its image is drawn at build time by
# shirube_rich_menu_image (FreeType with a Noto Sans CJK font, libpng) and compiled into the binary.
find_package(Freetype REQUIRED)  # Debian's libfreetype-dev: Freetype::Freetype
find_package(PNG REQUIRED)       # Debian's libpng-dev: PNG::PNG
# The bold Japanese face of fonts-noto-cjk; fontconfig's answer when the file is elsewhere.
find_file(SHIRUBE_RICH_MENU_FONT NAMES NotoSansCJK-Bold.ttc
          PATHS /usr/share/fonts/opentype/noto NO_DEFAULT_PATH)
if(NOT SHIRUBE_RICH_MENU_FONT)
  find_program(SHIRUBE_FC_MATCH fc-match)
  if(SHIRUBE_FC_MATCH)
    execute_process(COMMAND "${SHIRUBE_FC_MATCH}" --format=%{file} "Noto Sans CJK JP:style=Bold"
                    OUTPUT_VARIABLE matched ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(matched MATCHES "NotoSansCJK" AND EXISTS "${matched}")
      set(SHIRUBE_RICH_MENU_FONT "${matched}" CACHE FILEPATH "Font of the rich menu image" FORCE)
    endif()
  endif()
endif()
if(NOT SHIRUBE_RICH_MENU_FONT)
  message(FATAL_ERROR "No Noto Sans CJK font (NotoSansCJK-Bold.ttc) for the LINE rich menu image: "
                      "install Debian's fonts-noto-cjk (scripts/install-deps.sh), or set "
                      "-DSHIRUBE_RICH_MENU_FONT=/path/to/NotoSansCJK-Bold.ttc")
endif()
message(STATUS "Rich menu font: ${SHIRUBE_RICH_MENU_FONT}")

add_executable(shirube_rich_menu_image ${CMAKE_CURRENT_SOURCE_DIR}/rich_menu_image.cpp)
target_include_directories(shirube_rich_menu_image PRIVATE
                           "${PROJECT_BINARY_DIR}/include_roots/webhooks")
target_link_libraries(shirube_rich_menu_image PRIVATE shirube_common Freetype::Freetype PNG::PNG)
shirube_target_warnings(shirube_rich_menu_image)
set(rich_menu_png "${PROJECT_BINARY_DIR}/generated/rich_menu.png")
set(rich_menu_cpp "${PROJECT_BINARY_DIR}/generated/rich_menu_image.cpp")
add_custom_command(
  OUTPUT "${rich_menu_cpp}" "${rich_menu_png}"
  COMMAND shirube_rich_menu_image "${SHIRUBE_RICH_MENU_FONT}" "${rich_menu_png}" "${rich_menu_cpp}"
  DEPENDS shirube_rich_menu_image "${SHIRUBE_RICH_MENU_FONT}"
  COMMENT "Drawing the LINE rich menu image"
  VERBATIM)
target_sources(shirube_webhooks PRIVATE
  ${CMAKE_CURRENT_SOURCE_DIR}/rich_menu.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/rich_menu_cli.cpp
  "${rich_menu_cpp}")
