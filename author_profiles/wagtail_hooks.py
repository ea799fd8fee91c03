from wagtail import hooks

from spa_site.seo.page_seo import CollectionSeo

from .models import ProfileIndexPage, ProfilePage
from .seo import AuthorProfileSeo


@hooks.register("register_page_seo")
def register_profile_seo():
    return {ProfilePage: AuthorProfileSeo, ProfileIndexPage: CollectionSeo}


@hooks.register("register_content_api_router")
def register_profiles_api():
    from .api import router  # the API assembles after the apps are ready

    return "/profiles/", router
