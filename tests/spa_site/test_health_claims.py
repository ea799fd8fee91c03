"""The health-claims check on a corpus of sentences: what it must flag and what it must not.

``test_corpus_results`` prints the confusion counts (run with ``-s`` to see them).
"""

import pytest

from spa_site.health_claims import check_text, page_findings

#: (sentence, the rules it must trigger). Claims a medical reviewer has to face.
SHOULD_FLAG = [
    ("Massage is a guaranteed cure for back spasms.", {"guarantee", "cure"}),
    ("Our deep tissue massage cures sciatica.", {"cure"}),
    ("Results guaranteed!", {"guarantee"}),
    ("We guarantee you will be pain-free after one session.", {"guarantee"}),
    ("Trigger point therapy is clinically proven to stop spasms.", {"proven"}),
    (
        "Massage therapy has proven to be an effective long-term solution.",
        {"proven", "effective-treatment"},
    ),
    ("Swedish massage heals torn muscles.", {"heals"}),
    ("The pressure promotes healing and reduces inflammation.", {"heals"}),
    ("Myofascial release treats fibromyalgia.", {"treats"}),
    ("Massages are a natural way to treat muscle spasms.", {"treats"}),
    ("This type of massage is beneficial for treating muscle spasms.", {"treats"}),
    ("A miracle for tired backs.", {"miracle"}),
    ("Clients see miraculous results after a single visit.", {"miracle"}),
    ("It works for 100% of our clients.", {"absolute"}),
    ("We are 100 percent sure it will help.", {"absolute"}),
    ("Massage therapy is an effective treatment for muscle spasms.", {"effective-treatment"}),
    ("It is a highly effective remedy for cramps.", {"effective-treatment"}),
    ("This technique is very effective in relieving muscle spasms.", {"effective-treatment"}),
    ("Our therapists diagnose the cause of your pain.", {"diagnosis"}),
    ("We can diagnose a pinched nerve by touch.", {"diagnosis"}),
    (
        "Our therapists are experts in identifying the underlying causes of muscle spasms.",
        {"diagnosis"},
    ),
    ("No diagnosis needed: just book a massage.", {"skips-care"}),
    ("There is no need to see a doctor for a back spasm.", {"skips-care"}),
    ("Relief without the need for medication or invasive procedures.", {"skips-care"}),
    ("Try a massage instead of seeing a doctor.", {"skips-care"}),
    ("Not only does massage relax you, it cures spasms.", {"cure"}),
    ("Nothing cures a stiff neck like a hot stone massage.", {"cure"}),
    ("Can massage cure back spasms?", {"cure"}),
    ("A cure-all for aches and pains.", {"cure"}),
    ("Regular sessions will heal your back for good.", {"heals"}),
]

#: Sentences that are fine: referrals to a doctor, disclaimers, negations, other senses.
SHOULD_NOT_FLAG = [
    "Not medical advice.",
    "This article is general information and does not replace a doctor’s diagnosis or treatment.",
    "If your symptoms are severe, last, or worry you, see a doctor.",
    "A physician can diagnose the underlying cause of your symptoms and provide you with an "
    "appropriate treatment plan.",
    "If you experience persistent muscle spasms or severe pain, it is important to consult a "
    "doctor. They can help diagnose any underlying conditions and recommend appropriate treatment.",
    "We recommend consulting with a healthcare professional to determine the underlying cause.",
    "Your doctor may treat the spasm with a muscle relaxant.",
    "It is best to seek professional advice from healthcare experts when it comes to finding out "
    "ways most suited to treating your spasms.",
    "Dr. Lee can diagnose and treat nerve damage.",
    "It should not be used as a substitute for medical advice or treatment.",
    "This content is not intended to diagnose, treat, cure or prevent any disease.",
    "Massage does not cure back spasms, but it may ease the tension around them.",
    "There is no cure for fibromyalgia.",
    "Results are not guaranteed and vary from person to person.",
    "We cannot diagnose medical conditions.",
    "The benefits of massage for chronic pain have not been proven in large trials.",
    "Unproven claims have no place on this site.",
    "Treat yourself to a relaxing massage.",
    "A hot stone massage is a little treat after a long week.",
    "We treat every client with respect.",
    "Massage may help relieve muscle tension.",
    "Deep tissue massage uses more pressure to target deeper layers of muscle tissue.",
    "Book a 60-minute treatment at our Long Beach spa.",
    "Tell your therapist about any medical treatment you are having.",
    "Drink water to stay healthy and hydrated.",
    "Secure online booking, with a curated playlist in every room.",
    "Diagnostic imaging is not offered here.",
    "Do not stop taking medication without talking to your doctor.",
    "Never skip medication without your doctor’s advice.",
    "Stretching can be a cost-effective habit.",
    "Our prices are in US dollars, e.g. $95 for 60 minutes.",
    "Ask your physical therapist whether massage is right for you.",
    "Muscle spasms can be caused by dehydration, overuse or stress.",
]


def rules_of(sentence):
    return {match.rule for finding in check_text(sentence) for match in finding.matches}


@pytest.mark.parametrize(("sentence", "rules"), SHOULD_FLAG)
def test_flags_claims(sentence, rules):
    assert rules_of(sentence) == rules


@pytest.mark.parametrize("sentence", SHOULD_NOT_FLAG)
def test_leaves_referrals_disclaimers_and_negations_alone(sentence):
    assert check_text(sentence) == []


def test_corpus_results():
    """The confusion counts over the whole corpus, printed for the record."""
    true_pos = sum(1 for sentence, _ in SHOULD_FLAG if check_text(sentence))
    false_neg = len(SHOULD_FLAG) - true_pos
    false_pos = sum(1 for sentence in SHOULD_NOT_FLAG if check_text(sentence))
    true_neg = len(SHOULD_NOT_FLAG) - false_pos
    print(  # noqa: T201
        f"\nhealth-claims corpus: {len(SHOULD_FLAG) + len(SHOULD_NOT_FLAG)} sentences; "
        f"true positives {true_pos}, false negatives {false_neg}, "
        f"true negatives {true_neg}, false positives {false_pos}"
    )
    assert len(SHOULD_FLAG) + len(SHOULD_NOT_FLAG) >= 40
    assert (false_neg, false_pos) == (0, 0)


def test_one_finding_per_sentence_with_every_phrase():
    [finding] = check_text("<p>Massage is a guaranteed cure for back spasms.</p>", "Body")
    assert finding.sentence == "Massage is a guaranteed cure for back spasms."
    assert [m.phrase for m in finding.matches] == ["guaranteed", "cure"]
    assert finding.where == "Body"
    assert finding.phrases == "“guaranteed”, “cure”"


def test_sentences_are_read_paragraph_by_paragraph():
    """A doctor named in one paragraph does not excuse a claim in the next."""
    text = "<p>See a doctor if it gets worse.</p><p>They can diagnose it in one visit.</p>"
    [finding] = check_text(text)
    assert finding.sentence == "They can diagnose it in one visit."


def test_finding_keys_are_stable_and_depend_on_place():
    one = check_text("Massage cures cramps.", "Body › Causes")[0]
    again = check_text("<p>Massage  cures cramps.</p>", "Body › Causes")[0]
    elsewhere = check_text("Massage cures cramps.", "Summary")[0]
    assert one.key == again.key != elsewhere.key


def test_page_findings_read_title_summary_and_every_body_block(site_tree):
    from wagtail.rich_text import RichText

    from tests.factories import ConditionArticlePageFactory, TechniquePageFactory

    article = ConditionArticlePageFactory(
        parent=site_tree["articles"],
        title="Back spasm miracle",
        summary="A guaranteed fix.",
        body=[
            ("section", {"heading": "Relief", "body": RichText("<p>Massage heals.</p>")}),
            (
                "faq",
                {
                    "heading": "Questions",
                    "intro": "",
                    "items": [{"question": "Does it cure?", "answer": RichText("<p>Yes.</p>")}],
                },
            ),
            (
                "see_a_doctor",
                {
                    "heading": "When to see a doctor",
                    "threshold": "If it lasts",
                    "red_flags": ["numbness"],
                    "body": RichText("<p>A doctor can diagnose the cause.</p>"),
                },
            ),
        ],
    )
    where = {finding.where: finding.sentence for finding in page_findings(article)}
    assert where == {
        "Title": "Back spasm miracle",
        "Summary": "A guaranteed fix.",
        "Body › Relief": "Massage heals.",
        "Body › Questions": "Does it cure?",
    }
    technique = TechniquePageFactory(
        parent=site_tree["techniques"], how_it_works="<p>It treats sciatica.</p>"
    )
    assert [f.where for f in page_findings(technique)] == ["How it works"]
