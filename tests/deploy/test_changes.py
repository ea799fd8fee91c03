"""After every kind of change, no worker serves the old state: HTML, API, listing or sitemap.

Each check first makes every worker cache the old state (so a stale answer would show),
then changes the content the way people do (the admin on one worker, ``manage.py shell``,
``publish_scheduled`` from cron, a scheduled expiry passing), then asks again on at least
20 new connections spread over both workers.
"""

import json
import time

import pytest

PROBES_PER_PATH = 5  # x 5 paths = 25 new connections per check


def make_person(shape, title, **extra):
    """A published profile under /team/, made in its own ``manage.py shell`` process."""
    code = f"""
import json
from author_profiles.models import ProfilePage, ProfileIndexPage
team = ProfileIndexPage.objects.get()
person = ProfilePage(title={title!r}, job_title="Probe", **{extra!r})
team.add_child(instance=person)
person.save_revision().publish()
print(json.dumps({{"id": person.pk, "slug": person.slug}}))
"""
    return json.loads(shape.shell(code).splitlines()[-1])


def paths_for(person):
    return [
        f"/team/{person['slug']}/",
        "/team/",
        f"/api/content/profiles/{person['slug']}/",
        "/api/content/profiles/",
        "/sitemap.xml",
    ]


def stale_answers(shape, paths, is_stale):
    since = shape.log_offset()
    answers = shape.many(paths, times=PROBES_PER_PATH)
    time.sleep(0.2)  # let the access log reach the disk
    assert len(shape.workers_seen(since)) == 2, "both workers must answer"
    assert len(answers) >= 20
    return [(path, r.status) for path, r in answers if is_stale(path, r)]


def warm(shape, paths):
    """Every worker answers (and caches) every path before the change."""
    for _ in range(3):
        shape.many(paths, times=4)


def shows(text):
    return lambda path, response: text in response.body


def still_public(person):
    def stale(path, response):
        if path.startswith(
            (f"/team/{person['slug']}/", f"/api/content/profiles/{person['slug']}/")
        ):
            return response.status == 200
        return person["slug"] in response.body

    return stale


@pytest.mark.parametrize("how", ["admin", "shell"])
def test_a_title_change_is_seen_by_every_worker(shape, admin, how):
    person = make_person(shape, f"Title before {how}")
    paths = paths_for(person)
    warm(shape, paths)
    new_title = f"Title after {how}"
    draft = f"""
from author_profiles.models import ProfilePage
person = ProfilePage.objects.get(pk={person["id"]})
person.title = {new_title!r}
revision = person.save_revision()
"""
    if how == "admin":
        shape.shell(draft)
        assert admin.publish(person["id"]).status in (200, 302)
    else:
        shape.shell(draft + "revision.publish()\n")
    assert stale_answers(shape, paths, shows(f"Title before {how}")) == []
    assert new_title in shape.get(paths[0]).body


def test_an_unpublish_in_the_admin_is_seen_by_every_worker(shape, admin):
    person = make_person(shape, "Soon unpublished")
    paths = paths_for(person)
    warm(shape, paths)
    assert admin.unpublish(person["id"]).status in (200, 302)
    assert stale_answers(shape, paths, still_public(person)) == []


def test_a_view_restriction_set_in_the_admin_is_seen_by_every_worker(shape, admin):
    person = make_person(shape, "Soon private")
    paths = paths_for(person)
    warm(shape, paths)
    assert admin.restrict(person["id"], "login").status == 200
    assert stale_answers(shape, paths, still_public(person)) == []


def test_a_scheduled_expiry_is_seen_by_every_worker_before_the_cron_runs(shape):
    person = make_person(shape, "Soon expired")
    expires_at = float(
        shape.shell(
            f"""
import datetime
from django.utils import timezone
from author_profiles.models import ProfilePage
person = ProfilePage.objects.get(pk={person["id"]})
person.expire_at = timezone.now() + datetime.timedelta(seconds=12)
person.save_revision().publish()
print(person.expire_at.timestamp())
"""
        ).splitlines()[-1]
    )
    paths = paths_for(person)
    warm(shape, paths)
    assert time.time() < expires_at, "warming took longer than the expiry delay"
    assert shape.get(paths[0]).status == 200
    time.sleep(max(0, expires_at + 1 - time.time()))
    assert stale_answers(shape, paths, still_public(person)) == []


def test_publish_scheduled_from_cron_is_seen_by_every_worker(shape):
    person = make_person(shape, "Scheduled before")
    paths = paths_for(person)
    shape.shell(
        f"""
import datetime
from django.utils import timezone
from author_profiles.models import ProfilePage
person = ProfilePage.objects.get(pk={person["id"]})
person.title = "Scheduled after"
person.go_live_at = timezone.now() + datetime.timedelta(seconds=2)
person.save_revision().publish()
"""
    )
    warm(shape, paths)
    assert "Scheduled before" in shape.get(paths[0]).body
    time.sleep(3)
    shape.manage("publish_scheduled")
    assert stale_answers(shape, paths, shows("Scheduled before")) == []
