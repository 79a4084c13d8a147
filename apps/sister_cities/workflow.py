"""Establishing a sister-city (or friendship-city) relationship: a case through the city's
chain, then the provincial FAO (decided on its portal), then the national approval
(recorded as an external step with its date and reference), then the signing."""

from apps.casework.workflows import (
    EDITABLE_STATES,
    MOVE,
    REVIEW_STATES,
    Transition,
    Workflow,
    register_workflow,
    review_cycle,
)

__all__ = ["EDITABLE_STATES", "RELATIONSHIP_WORKFLOW", "STATES"]

STATES = {
    **REVIEW_STATES,
    "approved": {
        "zh": "省外办已同意（待国家批准）",
        "en": "Approved by the province (national approval due)",
    },
    "nationally_approved": {"zh": "已获国家批准（待签约）", "en": "Nationally approved (to sign)"},
    "signed": {"zh": "已签约（友好关系存续）", "en": "Signed (relationship in force)"},
    "ended": {"zh": "已终止", "en": "Ended"},
}

RELATIONSHIP_WORKFLOW = register_workflow(
    Workflow(
        id="sister_cities.relationship",
        chain_key="twinning",
        states=STATES,
        initial="draft",
        review_state="in_review",
        escalated_state="escalated",
        detail_url_name="sister_cities:case",
        hooks="apps.sister_cities.hooks",
        transitions=(
            *review_cycle(submit_permission="sister_cities.submit"),
            Transition(
                "record_national_approval",
                MOVE,
                ("approved",),
                "nationally_approved",
                permission="sister_cities.manage",
                labels={"zh": "登记国家批准（外部环节）", "en": "Record the national approval"},
            ),
            Transition(
                "sign",
                MOVE,
                ("nationally_approved",),
                "signed",
                permission="sister_cities.manage",
                labels={"zh": "登记签约", "en": "Record the signing"},
            ),
            Transition(
                "end",
                MOVE,
                ("signed",),
                "ended",
                permission="sister_cities.manage",
                comment_required=True,
                labels={"zh": "终止友好关系", "en": "End the relationship"},
            ),
        ),
    )
)
