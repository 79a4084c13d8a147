"""An official exchange with Hong Kong or Macao: approved as a case on the profile's
``hk_macao_exchange`` chain, then carried out and its outcome recorded."""

from apps.casework.workflows import (
    EDITABLE_STATES,
    MOVE,
    REVIEW_STATES,
    Transition,
    Workflow,
    register_workflow,
    review_cycle,
)

__all__ = ["EDITABLE_STATES", "EXCHANGE_WORKFLOW", "STATES"]

STATES = {
    **REVIEW_STATES,
    "approved": {"zh": "已批准", "en": "Approved"},
    "done": {"zh": "已完成", "en": "Carried out"},
}

EXCHANGE_WORKFLOW = register_workflow(
    Workflow(
        id="hk_macao.exchange",
        chain_key="hk_macao_exchange",
        states=STATES,
        initial="draft",
        review_state="in_review",
        escalated_state="escalated",
        detail_url_name="hk_macao:case",
        hooks="apps.hk_macao.hooks",
        transitions=(
            *review_cycle(submit_permission="hk_macao.submit"),
            Transition(
                "record_outcome",
                MOVE,
                ("approved",),
                "done",
                permission="hk_macao.manage",
                labels={"zh": "登记交流成果", "en": "Record the outcome"},
            ),
        ),
    )
)
