"""What the audit log's action codes say in the active language: the log page shows and
filters actions by these labels, never by their codes.

The kernel's codes are listed here; each module declares its own (``Module.audit_actions``);
casework records ``<workflow>.open`` and ``<workflow>.<transition>``, named from the
workflow's module and transition labels. A code recorded without a label fails
``tests/test_audit.py``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.registry.i18n import label

ACTIONS = {
    "accounts.sign_in": _("Signed in"),
    "accounts.sign_out": _("Signed out"),
    "accounts.sign_in_failed": _("Sign-in failed"),
    "core.view_personal_data": _("Personal numbers viewed"),
    "province.approve": _("Approved by the province"),
    "province.reject": _("Refused by the province"),
    "accounts.token_issued": _("API token issued"),
    "accounts.token_revoked": _("API token revoked"),
    "accounts.sign_in_throttled": _("Sign-in refused (too many failures)"),
    "accounts.create_user": _("User created"),
    "accounts.update_user": _("User changed"),
    "accounts.reset_password": _("Password reset"),
    "accounts.deactivate_user": _("User deactivated"),
    "accounts.reactivate_user": _("User reactivated"),
    "accounts.import_users": _("Users imported"),
    "accounts.link_issued": _("One-time sign-in link issued"),
    "accounts.link_used": _("One-time sign-in link used"),
    "jobs.retry": _("Failed background job retried"),
    "jobs.render_requested": _("Document requested in the background"),
    "accounts.two_factor_enrolled": _("Two-factor sign-in set up"),
    "accounts.two_factor_failed": _("Wrong one-time code"),
    "accounts.two_factor_throttled": _("One-time code refused (too many wrong codes)"),
    "accounts.recovery_code_used": _("Recovery code used"),
    "accounts.recovery_codes_renewed": _("New recovery codes made"),
    "accounts.two_factor_reset": _("Two-factor sign-in reset"),
    "accounts.close_demo_account": _("Demo account closed"),
    "platform.onboard_city": _("City office onboarded"),
    "platform.apply_city_profile": _("City profile applied"),
    "platform.profile_applied": _("Office profile applied"),
    "platform.apply_province_profile": _("Provincial profile applied"),
    "platform.set_city_status": _("City office status changed"),
    "platform.export_city": _("City office exported to an archive"),
    "platform.import_city": _("City office restored from an archive"),
    "platform.remove_city": _("City office removed"),
    "platform.load_working_calendar": _("Working-day calendar loaded"),
    "platform.profile_version": _("Profile version kept"),
    "platform.propose_profile": _("Profile change proposed"),
    "platform.approve_proposal": _("Profile change proposal approved"),
    "platform.reject_proposal": _("Profile change proposal rejected"),
    "office.change_units": _("Units or divisions changed"),
    "documents.issue": _("Document issued"),
    "documents.attach": _("File attached"),
    "partners.create": _("Partner added to the register"),
    "partners.update": _("Partner changed"),
    "partners.add_person": _("Person added to a partner"),
    "partners.update_person": _("Partner's person changed"),
    "partners.link": _("Partner linked to a record"),
    "partners.update_link": _("Partner's link changed"),
    "partners.unlink": _("Partner unlinked from a record"),
    "partners.set_jurisdiction": _("Consular jurisdiction set"),
    "calendar.issue_feed": _("Calendar subscription address made"),
    "calendar.revoke_feed": _("Calendar subscription address revoked"),
}


def _workflow_actions() -> dict[str, str]:
    from apps.casework.workflows import all_workflows
    from apps.registry.modules import registry

    actions = {}
    for workflow in all_workflows():
        module = registry.get(workflow.id.split(".")[0])
        prefix = module.name if module is not None else workflow.id
        actions[f"{workflow.id}.open"] = f"{prefix}: {_('case opened')}"
        for transition in workflow.transitions:
            actions[f"{workflow.id}.{transition.name}"] = (
                f"{prefix}: {label(transition.labels, transition.name)}"
            )
    return actions


def _module_actions() -> dict[str, str]:
    from apps.registry.modules import registry

    return {code: label(names, code) for module in registry for code, names in module.audit_actions.items()}


def known_actions() -> dict[str, str]:
    """Every action code the platform records -> its label in the active language."""
    return {
        **{code: str(text) for code, text in ACTIONS.items()},
        **_module_actions(),
        **_workflow_actions(),
    }


def action_label(code: str, known: dict[str, str] | None = None) -> str:
    return (known if known is not None else known_actions()).get(code, code)


def action_choices() -> list[tuple[str, str]]:
    """(code, label) of every known action, ordered by label."""
    return sorted(known_actions().items(), key=lambda item: item[1])
