"""The states and transitions of an Honorary Resident nomination (data for the casework
engine): the nominating unit's application, the office's chain (the profile's
``honorary_resident``), then the city government's decision recorded as an external step
(its date and reference), and the numbered certificate."""

from apps.casework.workflows import (
    EDITABLE_STATES,
    MOVE,
    REVIEW_STATES,
    Transition,
    Workflow,
    register_workflow,
    review_cycle,
)

__all__ = ["EDITABLE_STATES", "NOMINATION_WORKFLOW", "STATES"]

STATES = {
    **REVIEW_STATES,
    "approved": {
        "zh": "外办已同意（报市政府决定）",
        "en": "Approved by the office (with the city government)",
    },
    "conferred": {"zh": "市政府已授予（待颁发证书）", "en": "Conferred (certificate to issue)"},
    "not_conferred": {"zh": "市政府未予授予", "en": "Not conferred by the city government"},
    "certified": {"zh": "已颁发证书", "en": "Certificate issued"},
}

NOMINATION_WORKFLOW = register_workflow(
    Workflow(
        id="honorary_residents.nomination",
        chain_key="honorary_resident",
        states=STATES,
        initial="draft",
        review_state="in_review",
        escalated_state="escalated",
        detail_url_name="honorary_residents:case",
        hooks="apps.honorary_residents.hooks",
        transitions=(
            *review_cycle(submit_permission="honorary_residents.submit"),
            Transition(
                "record_decision",
                MOVE,
                ("approved",),
                "conferred",
                permission="honorary_residents.manage",
                labels={"zh": "登记市政府授予决定", "en": "Record the city government's decision"},
            ),
            Transition(
                "record_refusal",
                MOVE,
                ("approved",),
                "not_conferred",
                permission="honorary_residents.manage",
                labels={"zh": "登记市政府未予授予", "en": "Record that the city government declined"},
            ),
            Transition(
                "issue_certificate",
                MOVE,
                ("conferred",),
                "certified",
                permission="honorary_residents.issue",
                labels={"zh": "颁发荣誉市民证书", "en": "Issue the certificate"},
            ),
        ),
    )
)
