"""Roles and the role-to-permission map, as data.

A city user has exactly one role. What a role may do is the union of the core grants
below and the ``role_grants`` of each module the city's profile switches on. Views
declare the permission each action needs (``required_permissions``); one DRF
permission class and one HTML mixin check it (``apps.accounts.access``).
"""

from __future__ import annotations

from apps.registry.i18n import label

# City roles, in the order an application travels through an office.
CITY_ROLES: dict[str, dict[str, str]] = {
    "submitter": {"zh": "部门申报人", "en": "Department submitter"},
    "clerk": {"zh": "经办人", "en": "Clerk"},
    "reviewer": {"zh": "审核人", "en": "Reviewer"},
    "division_head": {"zh": "处长", "en": "Division head"},
    "director": {"zh": "主任", "en": "Director"},
    "office_admin": {"zh": "办公室管理员", "en": "Office administrator"},
    "auditor": {"zh": "审计员（只读）", "en": "Read-only auditor"},
}
# Roles of accounts in the public schema.
PLATFORM_ROLES: dict[str, dict[str, str]] = {
    "operator": {"zh": "平台运维", "en": "Platform operator"},
    # A provincial FAO's reviewer; ``User.unit`` holds the province's code.
    "province_reviewer": {"zh": "省外办审核人", "en": "Provincial FAO reviewer"},
}
ALL_ROLES = {**CITY_ROLES, **PLATFORM_ROLES}

CORE_PERMISSIONS: dict[str, dict[str, str]] = {
    "core.view_home": {"zh": "查看首页", "en": "See the office home page"},
    "core.use_api": {"zh": "使用接口", "en": "Use the API"},
    "core.view_personal_data": {
        "zh": "查看证件号码和出生日期",
        "en": "See passport and identity numbers and birth dates in full",
    },
    "audit.view": {"zh": "查看审计日志", "en": "Read the audit log"},
    "accounts.view_users": {"zh": "查看用户", "en": "See the office's users"},
    "accounts.manage_users": {
        "zh": "管理用户（邀请、角色、停用）",
        "en": "Invite users, assign their roles and units, reset and deactivate them",
    },
    "accounts.reset_two_factor": {
        "zh": "重置同事的双重验证（如手机丢失）",
        "en": "Reset a colleague's two-factor sign-in (a lost phone)",
    },
    "platform.manage_cities": {"zh": "管理城市", "en": "Onboard, suspend and manage cities"},
    "office.manage_units": {
        "zh": "维护申报单位和处室",
        "en": "Keep the office's submitting units and divisions",
    },
    "platform.manage_jobs": {
        "zh": "查看平台运行状况并重试后台任务",
        "en": "See the platform's health and background jobs, retry failed jobs",
    },
    "documents.view": {"zh": "查看公文和附件", "en": "Read issued documents and attachments"},
    "documents.view_own_unit": {
        "zh": "查看本单位的公文和附件",
        "en": "Read its own unit's documents and attachments",
    },
    "partners.view": {"zh": "查看外国合作方名录", "en": "See the register of partners"},
    "partners.manage": {"zh": "维护外国合作方名录", "en": "Keep the register of partners"},
    "province.review": {
        "zh": "查看本省统计并审批上报事项",
        "en": "See the province's figures and decide escalated cases",
    },
}
_EVERY_CITY_ROLE = list(CITY_ROLES)
_CASE_HANDLERS = ["clerk", "reviewer", "division_head", "director"]
# Documents: "documents.view" reads every document of the city (the office's roles);
# "documents.view_own_unit" alone reads only the reader's own unit's (a submitter).
_READ_DOCUMENTS = ["documents.view", "documents.view_own_unit"]
# The register of foreign partners is the office's: its staff read it, case handlers keep it.
_PARTNERS = ["partners.view", "partners.manage"]
_OVERSIGHT = ["core.view_home", "core.use_api", "audit.view", "accounts.view_users", *_READ_DOCUMENTS]
CORE_ROLE_GRANTS: dict[str, list[str]] = {
    **{role: ["core.view_home", "core.use_api"] for role in _EVERY_CITY_ROLE},
    "submitter": ["core.view_home", "core.use_api", "documents.view_own_unit", "core.view_personal_data"],
    **{
        role: ["core.view_home", "core.use_api", *_READ_DOCUMENTS, *_PARTNERS, "core.view_personal_data"]
        for role in _CASE_HANDLERS
    },
    "office_admin": [
        *_OVERSIGHT,
        "partners.view",
        "accounts.manage_users",
        "accounts.reset_two_factor",
        "office.manage_units",
    ],
    "auditor": [*_OVERSIGHT, "partners.view"],
    "operator": [
        "platform.manage_cities",
        "platform.manage_jobs",
        "audit.view",
        "accounts.view_users",
        "accounts.manage_users",
    ],
    "province_reviewer": ["province.review"],
}


def role_label(role: str) -> str:
    return label(ALL_ROLES.get(role, {}), role)


def permissions_for_role(role: str, profile: dict | None) -> frozenset[str]:
    """Everything a role may do in a city with this profile (or on the platform)."""
    from apps.registry.modules import registry

    granted = set(CORE_ROLE_GRANTS.get(role, ()))
    for module in registry.iter_enabled(profile):
        granted.update(module.role_grants.get(role, ()))
    return frozenset(granted)
