"""The columns of the invitation list and of the register, as CSV/XLSX downloads."""

from apps.accounts.personal import mask
from apps.documents.exports import Column
from apps.invitations.models import VISA_STATUSES, VISIT_KINDS
from apps.registry import countries
from apps.registry.i18n import label

INVITATION_COLUMNS = [
    Column("id", {"zh": "编号", "en": "ID"}, lambda i: i.pk),
    Column("title", {"zh": "来访事由", "en": "Visit"}, lambda i: i.title),
    Column("unit", {"zh": "邀请单位", "en": "Inviting unit"}, lambda i: i.unit_name),
    Column(
        "kind", {"zh": "来访类别", "en": "Kind"}, lambda i: label(VISIT_KINDS[i.visit_kind], i.visit_kind)
    ),
    Column("arrival", {"zh": "入境", "en": "Arrival"}, lambda i: i.arrival),
    Column("departure", {"zh": "离境", "en": "Departure"}, lambda i: i.departure),
    Column("invitees", {"zh": "人数", "en": "Invitees"}, lambda i: len(i.invitees.all())),
    Column(
        "countries",
        {"zh": "国籍", "en": "Nationalities"},
        lambda i: "、".join(sorted({countries.name(x.nationality) for x in i.invitees.all()})),
    ),
    Column("state", {"zh": "状态", "en": "State"}, lambda i: i.state_label),
    Column("number", {"zh": "邀请函编号", "en": "Letter No."}, lambda i: i.letter_number),
]

REGISTER_COLUMNS = [
    Column("name", {"zh": "姓名（护照）", "en": "Name (passport)"}, lambda v: v.name_latin),
    Column("name_zh", {"zh": "中文名", "en": "Chinese name"}, lambda v: v.name_zh),
    Column("nationality", {"zh": "国籍", "en": "Nationality"}, lambda v: countries.name(v.nationality)),
    # masked in every export (apps.accounts.personal): the register page shows it to those allowed
    Column("passport", {"zh": "护照号", "en": "Passport"}, lambda v: mask(v.passport_number)),
    Column("unit", {"zh": "邀请单位", "en": "Inviting unit"}, lambda v: v.invitation.unit_name),
    Column("letter", {"zh": "邀请函编号", "en": "Letter No."}, lambda v: v.invitation.letter_number),
    Column(
        "visa", {"zh": "签证", "en": "Visa"}, lambda v: label(VISA_STATUSES[v.visa_status], v.visa_status)
    ),
    Column("planned_exit", {"zh": "计划离境", "en": "Planned exit"}, lambda v: v.planned_exit),
    Column("entered", {"zh": "实际入境", "en": "Entered"}, lambda v: v.entered_on),
    Column("exited", {"zh": "实际离境", "en": "Left"}, lambda v: v.exited_on),
    Column("overstaying", {"zh": "逾期未报离境", "en": "Past planned exit"}, lambda v: v.overstaying()),
]
