"""Receptions of foreign guests (外事接待): the visit (its guests and the office's hosts,
its reception level, programme, seating plans, gifts, summary and follow-ups), and the
receptions departments hold themselves and register with the office (接待备案)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.casework.records import CaseRecord
from apps.registry.i18n import choices_of

# Protocol ranks of foreign guests, lowest first; ``equivalent`` is the Chinese rank the
# guest is received as (对等原则), so approval chains test it with the kernel's ranks.
PROTOCOL_RANKS: dict[str, dict[str, str]] = {
    "staff": {"zh": "随行人员", "en": "Staff or aide", "equivalent": "staff"},
    "official": {"zh": "一般官员", "en": "Official", "equivalent": "section"},
    "senior_official": {
        "zh": "司局级官员、企业高管",
        "en": "Senior official or executive",
        "equivalent": "division",
    },
    "consul_general": {"zh": "总领事", "en": "Consul general", "equivalent": "deputy_department"},
    "mayor": {"zh": "市长、地方行政长官", "en": "Mayor or regional leader", "equivalent": "department"},
    "ambassador": {"zh": "大使", "en": "Ambassador", "equivalent": "deputy_provincial"},
    "vice_minister": {"zh": "副部长", "en": "Vice minister", "equivalent": "deputy_provincial"},
    "minister": {"zh": "部长、州长、省长", "en": "Minister or state governor", "equivalent": "provincial"},
    "head_of_government": {"zh": "政府首脑", "en": "Head of government", "equivalent": "provincial"},
    "head_of_state": {"zh": "国家元首", "en": "Head of state", "equivalent": "provincial"},
}
PROTOCOL_RANK_ORDER = list(PROTOCOL_RANKS)

# Who receives the guest on the city's side, lowest first (接待规格).
HOST_LEVELS: dict[str, dict[str, str]] = {
    "division_head": {"zh": "外办处长", "en": "FAO division head"},
    "fao_deputy": {"zh": "外办副主任", "en": "FAO deputy director"},
    "fao_director": {"zh": "外办主任", "en": "FAO director"},
    "deputy_secretary_general": {
        "zh": "市政府副秘书长",
        "en": "Deputy secretary-general of the city government",
    },
    "vice_mayor": {"zh": "副市长", "en": "Vice mayor"},
    "mayor": {"zh": "市长", "en": "Mayor"},
    "party_secretary": {"zh": "市委书记", "en": "Party secretary of the city"},
}
HOST_LEVEL_ORDER = list(HOST_LEVELS)
# The three occasions of the level table.
OCCASIONS: dict[str, dict[str, str]] = {
    "meets": {"zh": "会见", "en": "Meets the guests"},
    "banquet": {"zh": "宴请", "en": "Hosts the banquet"},
    "sees_off": {"zh": "送行", "en": "Sees them off"},
}
SIDES = {"host": {"zh": "我方", "en": "Host side"}, "guest": {"zh": "外方", "en": "Guest side"}}
ROLES = {"member": {"zh": "成员", "en": "Member"}, "interpreter": {"zh": "翻译", "en": "Interpreter"}}
ITEM_KINDS = {
    "arrival": {"zh": "迎接", "en": "Arrival"},
    "meeting": {"zh": "会见", "en": "Meeting"},
    "talks": {"zh": "会谈", "en": "Talks"},
    "banquet": {"zh": "宴请", "en": "Banquet"},
    "visit": {"zh": "参观考察", "en": "Site visit"},
    "signing": {"zh": "签约仪式", "en": "Signing ceremony"},
    "departure": {"zh": "送行", "en": "Departure"},
    "other": {"zh": "其他", "en": "Other"},
}
DRESS = {
    "formal": {"zh": "正装", "en": "Formal"},
    "business": {"zh": "商务便装", "en": "Business casual"},
    "casual": {"zh": "便装", "en": "Casual"},
    "national": {"zh": "民族服装或正装", "en": "National dress or formal"},
}
PRESS = {
    "pool": {"zh": "摄影记者（开场）", "en": "Photo spray at the start"},
    "open": {"zh": "公开报道", "en": "Open to the press"},
    "statement": {"zh": "发布新闻稿", "en": "Press release"},
}
SEATING_KINDS = {
    "face_to_face": {"zh": "会谈（相对而坐）", "en": "Talks (face to face)"},
    "side_by_side": {"zh": "会见（并排而坐）", "en": "Meeting (side by side)"},
    "banquet": {"zh": "宴会（圆桌）", "en": "Banquet (round tables)"},
}
PLACES = {
    "seat": {"zh": "座位", "en": "Seat"},
    "behind": {"zh": "后排（翻译）", "en": "Behind (interpreter)"},
}
GIFT_DIRECTIONS = {"given": {"zh": "赠送", "en": "Given"}, "received": {"zh": "收受", "en": "Received"}}
FOLLOW_UP_KINDS = {
    "sister_city": {"zh": "友好城市建议", "en": "Sister-city proposal"},
    "return_visit": {"zh": "回访", "en": "Return visit"},
    "project": {"zh": "合作项目", "en": "Cooperation project"},
    "other": {"zh": "其他", "en": "Other"},
}


def choices(table) -> list[tuple[str, str]]:
    return choices_of(table)


class Visit(CaseRecord):
    """A visit of foreign guests the office receives (来访接待)."""

    workflow_id = "receptions.visit"

    division = models.CharField(_("division in charge"), max_length=64, blank=True)
    purpose = models.TextField(_("purpose"))
    arrival = models.DateField(_("arrival"), db_index=True)
    departure = models.DateField(_("departure"))
    country = models.CharField(_("country"), max_length=2, db_index=True, blank=True)
    budget = models.DecimalField(_("budget (yuan)"), max_digits=12, decimal_places=2, default=0)
    meets_level = models.CharField(_("meets the guests"), max_length=32, blank=True)
    banquet_level = models.CharField(_("hosts the banquet"), max_length=32, blank=True)
    sees_off_level = models.CharField(_("sees them off"), max_length=32, blank=True)
    level_reason = models.TextField(_("reason for a higher level"), blank=True)
    # Set when the plan is submitted (the numbered reception plan) and when the visit is over.
    plan_document_id = models.PositiveIntegerField(null=True, blank=True)
    plan_number = models.CharField(_("plan No."), max_length=64, blank=True, db_index=True)
    actual_cost = models.DecimalField(
        _("actual cost (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    summary = models.TextField(_("summary"), blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # The clerk reordered a side by hand (then the rules no longer reorder it).
    host_order_manual = models.BooleanField(default=False)
    guest_order_manual = models.BooleanField(default=False)

    class Meta:
        ordering = ["-arrival", "-pk"]
        indexes = [models.Index(fields=["arrival", "id"], name="receptions_arrival_id")]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def search_words(self) -> list[str]:
        return [
            self.title,
            self.plan_number,
            *(f"{p.name_zh} {p.name_en} {p.organisation}" for p in self.participants.all()),
        ]

    @property
    def days(self) -> int:
        return (self.departure - self.arrival).days + 1

    def side(self, side: str):
        return [p for p in self.participants.all() if p.side == side]


class Participant(models.Model):
    """A person of either side: a guest (外宾) or one of the city's hosts (我方人员)."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="participants")
    side = models.CharField(max_length=8, choices=choices(SIDES))
    role = models.CharField(_("role"), max_length=12, choices=choices(ROLES), default="member")
    order = models.PositiveSmallIntegerField(default=0)  # as entered
    precedence = models.PositiveSmallIntegerField(null=True, blank=True)  # 1 = first; None: interpreters
    name_zh = models.CharField(_("name in Chinese"), max_length=60, blank=True)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    title_text = models.CharField(_("title or position"), max_length=120, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    protocol_rank = models.CharField(_("protocol rank"), max_length=24, blank=True)  # guests
    rank = models.CharField(_("rank"), max_length=24, blank=True)  # hosts: the kernel's ranks
    took_office = models.DateField(_("in office since"), null=True, blank=True)
    dietary = models.CharField(_("dietary needs"), max_length=200, blank=True)
    languages = models.CharField(_("languages"), max_length=100, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Where a guest was taken from ("invitations:invitee:12"): another module's register.
    source = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["side", "precedence", "order", "pk"]

    def __str__(self) -> str:
        return self.name_zh or self.name_en

    @property
    def both_names(self) -> str:
        if self.name_zh and self.name_en:
            return f"{self.name_zh} {self.name_en}"
        return self.name_zh or self.name_en

    @property
    def rank_display(self) -> str:
        from apps.registry.i18n import label
        from apps.registry.ranks import rank_label

        if self.side == "guest":
            return label(PROTOCOL_RANKS.get(self.protocol_rank, {}), self.protocol_rank)
        return rank_label(self.rank)

    @property
    def is_interpreter(self) -> bool:
        return self.role == "interpreter"

    def conflict_key(self) -> str:
        """The same person across visits: the office's user, else the Chinese name."""
        if self.user_id:
            return f"user:{self.user_id}"
        return f"name:{(self.name_zh or self.name_en).strip().lower()}"


class ProgrammeItem(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=12, choices=choices(ITEM_KINDS))
    title = models.CharField(_("item"), max_length=200)
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    participants = models.ManyToManyField(Participant, related_name="items", blank=True)
    vehicles = models.CharField(_("vehicles"), max_length=200, blank=True)
    dress = models.CharField(_("dress"), max_length=12, choices=choices(DRESS), blank=True)
    press = models.CharField(_("press"), max_length=12, choices=choices(PRESS), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["start", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def venue_key(self) -> str:
        return " ".join(self.venue.lower().split())


class Seating(models.Model):
    """A seating plan of the visit: a meeting's or talks' seats by side, or a banquet's
    round tables. Generated from the order of precedence, then edited by the clerk."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="seatings")
    kind = models.CharField(_("layout"), max_length=16, choices=choices(SEATING_KINDS))
    title = models.CharField(_("occasion"), max_length=200)
    seats_per_table = models.PositiveSmallIntegerField(_("seats per table"), default=10)
    item = models.ForeignKey(
        ProgrammeItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Seat(models.Model):
    """One person's seat: for a banquet ``table`` is the table (1 = the main table) and
    ``seat`` runs clockwise from the table's host (1); for a meeting ``table`` 1 is the host
    side and 2 the guest side, ``seat`` the place in honour (1 = the principal). An
    interpreter may sit ``behind`` a seat."""

    seating = models.ForeignKey(Seating, on_delete=models.CASCADE, related_name="seats")
    table = models.PositiveSmallIntegerField()
    seat = models.PositiveSmallIntegerField()
    place = models.CharField(max_length=8, choices=choices(PLACES), default="seat")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="seats")

    class Meta:
        ordering = ["table", "seat", "place"]
        constraints = [
            models.UniqueConstraint(
                fields=["seating", "table", "seat", "place"], name="receptions_seat_once"
            ),
            models.UniqueConstraint(fields=["seating", "participant"], name="receptions_one_seat_each"),
        ]

    def __str__(self) -> str:
        return f"{self.table}-{self.seat}"


class Gift(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="gifts")
    direction = models.CharField(_("given or received"), max_length=8, choices=choices(GIFT_DIRECTIONS))
    item = models.CharField(_("gift"), max_length=200)
    value = models.DecimalField(_("value (yuan)"), max_digits=12, decimal_places=2)
    counterpart = models.CharField(_("given to / received from"), max_length=200, blank=True)
    approved_by = models.CharField(_("approved by"), max_length=100, blank=True)
    handed_in = models.BooleanField(_("handed in"), default=False)
    kept_at = models.CharField(_("where kept"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["direction", "pk"]

    def __str__(self) -> str:
        return self.item


class FollowUp(models.Model):
    """A task left by the visit (a sister-city proposal, a return visit), with its owner."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(_("kind"), max_length=16, choices=choices(FOLLOW_UP_KINDS))
    title = models.CharField(_("task"), max_length=200)
    due = models.DateField(_("due"), db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.title


class Registration(CaseRecord):
    """A reception a department held (or will hold) itself, registered with the office for
    its guidance and review (接待备案)."""

    workflow_id = "receptions.registration"

    purpose = models.TextField(_("purpose"))
    arrival = models.DateField(_("arrival"), db_index=True)
    departure = models.DateField(_("departure"))
    country = models.CharField(_("country"), max_length=2)
    chief_guest = models.CharField(_("head of the delegation"), max_length=200)
    protocol_rank = models.CharField(_("protocol rank"), max_length=24)
    guests = models.PositiveSmallIntegerField(_("number of guests"))
    host = models.CharField(_("who receives them"), max_length=200)
    programme = models.TextField(_("programme"))
    budget = models.DecimalField(_("budget (yuan)"), max_digits=12, decimal_places=2, default=0)
    contact = models.CharField(_("contact person and telephone"), max_length=120)

    class Meta:
        ordering = ["-arrival", "-pk"]
        verbose_name = _("registered reception")
        verbose_name_plural = _("registered receptions")

    def search_words(self) -> list[str]:
        return [self.title, self.chief_guest, self.host]
