"""Each page type can be created only where it belongs, and renders with realistic data."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from articles import selectors
from articles.models import (
    ArticleIndexPage,
    ConditionArticlePage,
    TechniqueIndexPage,
    TechniquePage,
)
from author_profiles.models import ProfileIndexPage, ProfilePage
from services.models import LocationIndexPage, LocationPage
from spa_site import visibility
from spa_site.models import HomePage
from tests.factories import (
    ConditionArticlePageFactory,
    CredentialFactory,
    LocationPageFactory,
    OpeningHoursFactory,
    ProfilePageFactory,
    ServiceFactory,
    ServiceVariantFactory,
    TechniquePageFactory,
    TopicTagFactory,
    build_site_tree,
    link_article,
    link_technique,
)

INDEXES = [ArticleIndexPage, TechniqueIndexPage, ProfileIndexPage, LocationIndexPage]
ALL_TYPES = [
    HomePage,
    *INDEXES,
    ConditionArticlePage,
    TechniquePage,
    ProfilePage,
    LocationPage,
]
ALLOWED_PARENT = {
    HomePage: Page,
    ArticleIndexPage: HomePage,
    TechniqueIndexPage: HomePage,
    ProfileIndexPage: HomePage,
    LocationIndexPage: HomePage,
    ConditionArticlePage: ArticleIndexPage,
    TechniquePage: TechniqueIndexPage,
    ProfilePage: ProfileIndexPage,
    LocationPage: LocationIndexPage,
}


class PageTreeRulesTests(WagtailPageTestCase):
    def test_each_type_has_exactly_its_allowed_parent(self):
        for child, parent in ALLOWED_PARENT.items():
            with self.subTest(child=child.__name__):
                self.assertAllowedParentPageTypes(child, {parent})

    def test_each_type_can_be_created_only_under_its_parent(self):
        for child, parent in ALLOWED_PARENT.items():
            for candidate in {Page, *ALL_TYPES}:
                with self.subTest(child=child.__name__, parent=candidate.__name__):
                    if candidate is parent:
                        self.assertCanCreateAt(candidate, child)
                    else:
                        self.assertCanNotCreateAt(candidate, child)

    def test_leaf_pages_have_no_children(self):
        for leaf in (ConditionArticlePage, TechniquePage, ProfilePage, LocationPage):
            self.assertAllowedSubpageTypes(leaf, set())


class PageRenderingTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        cls.tree = tree
        cls.person = ProfilePageFactory(parent=tree["team"], title="Ana Ruiz")
        CredentialFactory(page=cls.person)
        cls.location = LocationPageFactory(parent=tree["locations"])
        cls.location.therapists.add(cls.person)
        cls.location.save()
        OpeningHoursFactory(location=cls.location)
        cls.service = ServiceFactory(location=cls.location, name="Deep tissue 60")
        ServiceVariantFactory(service=cls.service)
        cls.service.therapists.add(cls.person)
        cls.service.save()
        cls.technique = TechniquePageFactory(parent=tree["techniques"], title="Deep Tissue")
        link_technique(cls.technique, [cls.service])
        cls.article = ConditionArticlePageFactory(
            parent=tree["articles"],
            title="Neck Spasm",
            author=cls.person,
            medical_reviewer=cls.person,
            body=[
                {"type": "section", "value": {"heading": "", "body": "<p>Intro.</p>"}},
                {
                    "type": "causes",
                    "value": {
                        "heading": "Causes",
                        "intro": "",
                        "items": [{"title": "Stress", "text": "Stress tightens muscles."}],
                        "outro": "",
                    },
                },
                {
                    "type": "see_a_doctor",
                    "value": {
                        "heading": "When to see a doctor",
                        "threshold": "Pain lasting more than 72 hours",
                        "red_flags": ["numbness"],
                        "body": "",
                    },
                },
                {
                    "type": "faq",
                    "value": {
                        "heading": "FAQ",
                        "intro": "",
                        "items": [{"question": "Does it hurt?", "answer": "<p>Rarely.</p>"}],
                    },
                },
                {
                    "type": "book_cta",
                    "value": {
                        "heading": "Book",
                        "text": "",
                        "service": cls.service.pk,
                        "button_label": "Book now",
                    },
                },
            ],
        )
        link_article(cls.article, [cls.technique], [cls.service], [TopicTagFactory(name="Neck")])

    def test_every_page_type_renders(self):
        pages = [
            self.tree["home"],
            *(self.tree[k] for k in ("articles", "techniques", "team", "locations")),
            self.article,
            self.technique,
            self.person,
            self.location,
        ]
        self.assertEqual({type(p.specific) for p in pages}, set(ALL_TYPES))
        for page in pages:
            with self.subTest(page=page.title):
                self.assertPageIsRenderable(page)

    def test_article_renders_domain_blocks(self):
        html = self.client.get(self.article.url).content.decode()
        self.assertIn('<details class="faq">', html)
        self.assertIn("Does it hurt?", html)
        self.assertIn("Pain lasting more than 72 hours", html)
        self.assertIn('href="#causes"', html)
        self.assertIn('id="causes"', html)


class RelatedArticlesTests(WagtailPageTestCase):
    def test_related_articles_rank_by_shared_topics_and_skip_self_and_drafts(self):
        tree = build_site_tree()
        back, neck, legs = (TopicTagFactory(name=n) for n in ("Back", "Neck", "Legs"))
        main = ConditionArticlePageFactory(parent=tree["articles"], title="Main")
        two = ConditionArticlePageFactory(parent=tree["articles"], title="Two shared")
        one = ConditionArticlePageFactory(parent=tree["articles"], title="One shared")
        none = ConditionArticlePageFactory(parent=tree["articles"], title="Unrelated")
        draft = ConditionArticlePageFactory(parent=tree["articles"], title="Draft", live=False)
        link_article(main, tags=[back, neck])
        link_article(two, tags=[back, neck])
        link_article(one, tags=[neck, legs])
        link_article(none, tags=[legs])
        link_article(draft, tags=[back, neck])
        related = selectors.related_articles(main, visibility.anonymous())
        self.assertEqual([p.title for p in related], ["Two shared", "One shared"])
