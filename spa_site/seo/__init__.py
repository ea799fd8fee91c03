"""Search presence: page metadata, the JSON-LD graph, sitemap, robots.txt, reports and checks."""
