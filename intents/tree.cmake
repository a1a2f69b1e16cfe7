target_sources(shirube_core PRIVATE)
