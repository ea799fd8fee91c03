from wagtail import hooks

from .models import HomePage
from .seo.page_seo import HomeSeo


@hooks.register("register_page_seo")
def register_home_seo():
    return {HomePage: HomeSeo}
