"""One page of each public type, for the browser checks that visit them all (axe, Lighthouse)."""

#: name → path, the search and booking pages included.
PAGE_TYPES = {
    "home": "/",
    "article-index": "/conditions/",
    "article": "/conditions/back-spasm/",
    "article-faq": "/conditions/massage-for-muscle-spasms/",
    "technique-index": "/techniques/",
    "technique": "/techniques/trigger-point-therapy/",
    "team": "/team/",
    "profile": "/team/mara-swick/",
    "location-index": "/locations/",
    "location": "/locations/long-beach/",
    "location-second": "/locations/bixby-knolls-sample/",
    "topic": "/conditions/topics/muscle-spasms/",
    "search": "/search/?q=massage",
    "booking-start": "/book/",
    "booking-location": "/book/?service=deep-tissue-massage",
    "booking-length": "/book/?service=deep-tissue-massage&location=long-beach",
}

#: Further states of those pages: no search results, the not-found page, the time step.
OTHER_STATES = {
    "search-empty": "/search/?q=zzzz",
    "not-found": "/this-page-does-not-exist/",
    "booking-time": "/book/?service=deep-tissue-massage&location=long-beach&variant=first",
}
