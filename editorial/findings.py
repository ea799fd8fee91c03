"""The health-claims check inside the medical review step.

The reviewer faces every finding on the version that approval would publish (the latest
revision: a reviewer may have edited during review) and resolves each one: accepted with a note
(approve) or sent back to the editor (request changes). Resolutions are plain dicts, so they can
travel through Wagtail's modal as JSON and be kept with the task state and the approval:
``{"key", "sentence", "where", "phrases", "labels", "decision", "note"}``.
"""

from django.core.exceptions import PermissionDenied

from spa_site.health_claims import page_findings

ACCEPTED = "accepted"
CHANGE_REQUESTED = "change_requested"


def content_under_review(task_state):
    """The version of the page that approving ``task_state`` would publish."""
    page = task_state.workflow_state.content_object.specific
    revision = page.get_latest_revision()
    return revision.as_object() if revision else page


def findings_under_review(task_state):
    return page_findings(content_under_review(task_state))


def resolution(finding, decision, note=""):
    return {**finding.as_dict(), "decision": decision, "note": note}


def accepted_resolutions(findings, resolutions):
    """Every finding accepted with a note, or PermissionDenied (the content changed, or the
    request did not come through the review form)."""
    notes = {
        item.get("key"): (item.get("note") or "").strip()
        for item in resolutions or []
        if item.get("decision") == ACCEPTED
    }
    missing = [finding for finding in findings if not notes.get(finding.key)]
    if missing:
        raise PermissionDenied(
            f"{len(missing)} health-claim finding(s) are not resolved, so the page was not "
            "approved. Open Approve again: accept each finding with a note, or request changes."
        )
    return [resolution(finding, ACCEPTED, notes[finding.key]) for finding in findings]


def change_requests(findings, resolutions):
    """The findings the reviewer sent back, from the current findings only."""
    wanted = {
        item.get("key") for item in resolutions or [] if item.get("decision") == CHANGE_REQUESTED
    }
    return [resolution(finding, CHANGE_REQUESTED) for finding in findings if finding.key in wanted]


def describe(resolutions):
    """One line per resolution, for the page history and the editor's message."""
    lines = []
    for item in resolutions or []:
        phrases = ", ".join(f"“{phrase}”" for phrase in item.get("phrases", []))
        where = f" ({item['where']})" if item.get("where") else ""
        if item.get("decision") == ACCEPTED:
            lines.append(f"Accepted {phrases}{where}: {item.get('note', '')}")
        elif item.get("decision") == CHANGE_REQUESTED:
            lines.append(f"Change {phrases}{where} in “{item.get('sentence', '')}”")
    return lines
