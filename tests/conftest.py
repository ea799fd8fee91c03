import pytest
from django.core.management import call_command

from tests.factories import build_site_tree


@pytest.fixture
def site_tree(db):
    return build_site_tree()


@pytest.fixture
def demo_site(db):
    call_command("load_demo_content", verbosity=0)
