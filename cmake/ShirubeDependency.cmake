# shirube_find_or_pkgconfig(<package> <pkg-config module spec> <target alias>)
# Prefer an installed CMake package config; otherwise use the .pc file and give the
# imported target the same name upstream's config would, so call sites never change.
function(shirube_find_or_pkgconfig package module alias)
  if(TARGET ${alias})
    return()
  endif()
  find_package(${package} CONFIG QUIET)
  if(NOT TARGET ${alias})
    find_package(PkgConfig REQUIRED)
    pkg_check_modules(${package}_pc REQUIRED IMPORTED_TARGET GLOBAL ${module})
    add_library(${alias} ALIAS PkgConfig::${package}_pc)
  endif()
endfunction()
