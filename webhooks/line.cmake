# LINE channel sources (webhook, events, inbox, API client, renderer).
target_sources(shirube_core PRIVATE)
