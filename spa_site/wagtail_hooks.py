from wagtail import hooks

from .page_cache import mark_page_request

hooks.register("before_serve_page", mark_page_request)
