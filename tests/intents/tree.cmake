target_sources(shirube_tests PRIVATE)
