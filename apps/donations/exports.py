"""The columns of the donation list as CSV/XLSX downloads."""

from apps.documents.exports import Column
from apps.donations.models import KINDS
from apps.registry import countries
from apps.registry.i18n import label

DONATION_COLUMNS = [
    Column("id", {"zh": "编号", "en": "ID"}, lambda d: d.pk),
    Column("title", {"zh": "捐赠事项", "en": "Donation"}, lambda d: d.title),
    Column("donor", {"zh": "捐赠方", "en": "Donor"}, lambda d: d.donor.display_name),
    Column(
        "country",
        {"zh": "国家（地区）", "en": "Country or region"},
        lambda d: countries.name(d.donor.country),
    ),
    Column("kind", {"zh": "类别", "en": "Kind"}, lambda d: label(KINDS[d.kind], d.kind)),
    Column("currency", {"zh": "币种", "en": "Currency"}, lambda d: d.currency),
    Column("value", {"zh": "金额（价值）", "en": "Value"}, lambda d: d.value),
    Column("value_cny", {"zh": "折合人民币", "en": "Value in CNY"}, lambda d: d.value_cny),
    Column("unit", {"zh": "受赠单位", "en": "Recipient unit"}, lambda d: d.unit_name),
    Column("offered_on", {"zh": "捐赠意向日期", "en": "Offered on"}, lambda d: d.offered_on),
    Column("accepted_on", {"zh": "接受日期", "en": "Accepted on"}, lambda d: d.accepted_on),
    Column("state", {"zh": "状态", "en": "State"}, lambda d: d.state_label),
    Column("number", {"zh": "受赠证书编号", "en": "Certificate No."}, lambda d: d.certificate_number),
]
