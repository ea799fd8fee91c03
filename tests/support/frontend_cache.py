from wagtail.contrib.frontend_cache.backends import BaseBackend

PURGED = []


class RecordingBackend(BaseBackend):
    """A frontend-cache backend that records what would be purged at the CDN."""

    def purge(self, url):
        PURGED.append(url)
