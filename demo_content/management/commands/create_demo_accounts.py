"""One account per editorial role for trying the site locally (``make run`` calls this).

Development only: with ``DEBUG`` off (production settings) it refuses and creates nothing. The
medical reviewer's account is linked to a sample reviewer profile, so it can approve straight
away; that profile claims nothing until the account approves a page in the workflow.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from author_profiles.models import ProfileIndexPage, ProfilePage
from editorial.models import ReviewerProfile
from editorial.roles import FRONT_DESK, MARKETING_EDITORS, MEDICAL_REVIEWERS, SEO_TEAM, ensure_roles
from spa_site.dev_accounts import DEV_PASSWORD, require_development

#: username -> (first name, last name, group)
ACCOUNTS = {
    "editor": ("Erin", "Editor", MARKETING_EDITORS),
    "reviewer": ("Rowan", "Reviewer", MEDICAL_REVIEWERS),
    "seo": ("Sam", "Seo", SEO_TEAM),
    "frontdesk": ("Fran", "Desk", FRONT_DESK),
}
REVIEWER_USERNAME = "reviewer"
REVIEWER_PROFILE = {
    "slug": "demo-reviewer",
    "title": "Demo Reviewer",
    "job_title": "Medical reviewer (demo account)",
    "summary": "Sample profile of the development account “reviewer”, which approves pages "
    "in the Medical review workflow. Replace it before going live.",
}


class Command(BaseCommand):
    help = (
        "Create one account per editorial group (marketing editor, medical reviewer linked to "
        "a sample reviewer profile, SEO team, front-desk staff) with the shared development "
        f"password “{DEV_PASSWORD}”. Development only; existing accounts are left alone."
    )

    def handle(self, *args, **options):
        require_development("Demo accounts")
        team = ProfileIndexPage.objects.first()
        if team is None:
            raise CommandError("Load the demo content first: python manage.py load_demo_content")
        with transaction.atomic():
            ensure_roles()
            made = {username: self.account(username, *data) for username, data in ACCOUNTS.items()}
            profile = self.reviewer_profile(team, made[REVIEWER_USERNAME][0])
        self.stdout.write(
            f"Development accounts (password “{DEV_PASSWORD}”, local development only), "
            "sign in at /admin/:"
        )
        for username, (_user, created) in made.items():
            role = ACCOUNTS[username][2]
            if username == REVIEWER_USERNAME:
                role += f", approves as “{profile.title}”"
            note = "" if created else " (already existed: password unchanged)"
            self.stdout.write(f"  {username:<10} {role}{note}")

    def account(self, username, first_name, last_name, group_name):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is not None:
            return user, False
        user = User.objects.create_user(
            username,
            f"{username}@example.com",
            DEV_PASSWORD,
            first_name=first_name,
            last_name=last_name,
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user, True

    def reviewer_profile(self, team, user):
        link = ReviewerProfile.objects.filter(user=user).select_related("profile").first()
        if link is not None:
            return link.profile
        profile = ProfilePage.objects.filter(slug=REVIEWER_PROFILE["slug"]).first()
        if profile is None:
            profile = ProfilePage(**REVIEWER_PROFILE, contains_sample_data=True, noindex=True)
            team.add_child(instance=profile)
            profile.save_revision().publish()
        ReviewerProfile.objects.create(user=user, profile=profile)
        return profile
