"""Search presence of profiles: a ProfilePage (schema.org) whose main entity is a Person."""

from django.utils.html import strip_tags
from django.utils.text import Truncator

from spa_site.renditions import PERSON_IMAGE_FILTER
from spa_site.seo.page_seo import PageSeo

from .models import Credential

CREDENTIAL_CATEGORIES = {
    Credential.KIND_LICENSE: "license",
    Credential.KIND_CERTIFICATION: "certification",
    Credential.KIND_DEGREE: "degree",
}


def person_id(graph, profile):
    return graph.page_node_id(profile, "person")


def person_ref(graph, profile):
    """Reference to ``profile``'s Person, adding a short node for it if the graph lacks one."""
    if profile is None:
        return None
    node_id = person_id(graph, profile)
    if not graph.has(node_id):
        graph.add(
            {
                "@type": "Person",
                "@id": node_id,
                "name": profile.title,
                "url": profile.get_full_url(graph.request),
                "jobTitle": profile.job_title,
                "worksFor": graph.business(),
            }
        )
    return {"@id": node_id}


def credential_node(credential):
    return {
        "@type": "EducationalOccupationalCredential",
        "name": credential.name,
        "credentialCategory": CREDENTIAL_CATEGORIES.get(credential.kind, credential.kind),
        "recognizedBy": {"@type": "Organization", "name": credential.issuer}
        if credential.issuer
        else None,
        "identifier": credential.identifier,
        "expires": credential.expires,
    }


def person_node(graph, profile):
    """The full Person: the profile page's main entity."""
    return {
        "@type": "Person",
        "@id": person_id(graph, profile),
        "name": profile.title,
        "url": profile.get_full_url(graph.request),
        "jobTitle": profile.job_title,
        "description": Truncator(" ".join(strip_tags(profile.bio).split())).chars(300),
        "image": graph.image(profile.photo, PERSON_IMAGE_FILTER),
        "worksFor": graph.business(),
        "knowsAbout": [block.value for block in profile.specialties],
        "hasCredential": [credential_node(c) for c in profile.credentials.all()],
        "sameAs": [link.url for link in profile.profile_links.all()],
    }


class AuthorProfileSeo(PageSeo):
    webpage_type = "ProfilePage"
    og_type = "profile"

    def images(self):
        return [self.page.listing_image, self.page.photo]

    def webpage(self, graph, node):
        node["mainEntity"] = {"@id": person_id(graph, self.page)}
        node["about"] = {"@id": person_id(graph, self.page)}
        return node

    def nodes(self, graph):
        return [person_node(graph, self.page)]

    def fallback_description(self):
        return super().fallback_description() or self.page.bio
