"""Published questions in the page's JSON-LD graph: one ``Question`` node each, with its
``acceptedAnswer`` by the answerer's ``Person`` (kept for meaning: Google shows no rich
result for them). Registered through the ``construct_page_jsonld`` hook."""

from author_profiles.seo import person_ref
from spa_site import visibility
from spa_site.seo.jsonld import ref
from spa_site.seo.page_seo import shorten

from . import selectors
from .views import accepts_questions

NAME_MAX = 110


def question_id(graph, question):
    return f"{graph.page_url}#question-{question.pk}"


def add_question_nodes(graph):
    page = graph.page
    if not accepts_questions(page):
        return
    audience = visibility.for_request(graph.request)
    for question in selectors.page_questions(page, audience):
        person = question.answered_by
        if person is None:
            author = graph.business()
        elif audience.can_see(person):
            author = person_ref(graph, person)
        else:
            author = {"@type": "Person", "name": person.title}
        node_id = question_id(graph, question)
        graph.add(
            {
                "@type": "Question",
                "@id": node_id,
                "name": shorten(question.question, NAME_MAX),
                "text": question.question,
                "dateCreated": question.created_at,
                "author": {"@type": "Person", "name": question.first_name},
                "isPartOf": ref(graph.webpage_id),
                "answerCount": 1,
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": question.answer,
                    "dateCreated": question.answered_at,
                    "url": node_id,
                    "author": author,
                },
            }
        )
