"""The receptions pages (server-rendered; the same services and inputs as the API)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin, has_permission
from apps.casework.actions import CaseRecordView
from apps.casework.inputs import WebInput, query_filters
from apps.casework.lists import filter_form as _filter_form
from apps.casework.lists import page_of as _page
from apps.documents.views import file_response
from apps.receptions import levels, planner, selectors, services
from apps.receptions import serializers as s
from apps.receptions.actions import ACTIONS, REGISTRATION_ACTIONS
from apps.receptions.models import OCCASIONS, Registration, Visit
from apps.receptions.workflow import EDITABLE_STATES, PLANNING_STATES
from apps.registry.i18n import label

LEGENDS = {
    "guests": gettext_lazy("Guests (the first is the head of the delegation)"),
    "hosts": gettext_lazy("Hosts"),
}


class VisitListView(PermissionRequiredMixin, TemplateView):
    template_name = "receptions/list.html"
    required_permissions = {"GET": "receptions.view"}

    def get_context_data(self, **kwargs):
        filters = query_filters(s.ListFilter, self.request.GET)
        page, query = _page(self.request, selectors.search(self.request.user, **filters))
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "query": query,
            "filter_form": _filter_form(self.request, s.ListFilter),
            "can_submit": has_permission(self.request, "receptions.submit"),
            "level_rows": levels.rows_for_page(),
        }


class VisitFormView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "receptions.submit", "POST": "receptions.submit"}
    template_name = "receptions/form.html"

    def _record(self, request, pk):
        if pk is None:
            return None
        visit = get_object_or_404(selectors.visits_for(request.user), pk=pk)
        if visit.case.state not in EDITABLE_STATES:
            raise Http404
        return visit

    def get(self, request, pk=None):
        visit = self._record(request, pk)
        divisions = [d["code"] for d in request.tenant.profile.get("divisions") or []]
        initial = {"division": "protocol" if "protocol" in divisions else ""}
        if visit is not None:
            initial = services.snapshot(visit)
        web = WebInput(s.VisitInput, initial=initial, context={"request": request})
        return render(request, self.template_name, {"visit": visit, "input": web, "legends": LEGENDS})

    def post(self, request, pk=None):
        visit = self._record(request, pk)
        web = WebInput(s.VisitInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                if visit is None:
                    visit = services.create_visit(actor=request.user, data=web.validated_data)
                else:
                    visit = services.update_visit(actor=request.user, visit=visit, data=web.validated_data)
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("receptions:detail", visit.pk)
        return render(
            request, self.template_name, {"visit": visit, "input": web, "legends": LEGENDS}, status=400
        )


class VisitView(CaseRecordView):
    model = Visit
    table = ACTIONS
    template_name = "receptions/detail.html"
    required_permissions = {"GET": "receptions.view", "POST": "receptions.view"}
    detail_url_name = "receptions:detail"

    def get_record(self, pk):
        return get_object_or_404(
            selectors.visits_for(self.request.user).prefetch_related(
                "participants", "items__participants", "seatings", "gifts", "follow_ups__owner"
            ),
            pk=pk,
        )

    def refusal_messages(self, action, web):
        """Actions without a form of their own on the page (move, hand in, delete...) say
        why they were refused on top, each reason with its field's label."""
        if action.button:
            return super().refusal_messages(action, web)
        found = []
        for name, errors in web.form.errors.items():
            field = web.form.fields.get(name)
            prefix = f"{field.label}: " if field is not None and field.label else ""
            found.append(prefix + "；".join(str(e) for e in errors))
        if not found:
            return super().refusal_messages(action, web)
        return [
            _("“%(action)s” was not done: %(reasons)s") % {"action": action.title, "reasons": " ".join(found)}
        ]

    def extra_context_for(self, visit):
        state = visit.case.state
        can_plan = has_permission(self.request, "receptions.plan") and state in PLANNING_STATES
        chief = services.chief_guest(visit)
        rank = chief.protocol_rank if chief else ""
        asked = levels.requested(visit)
        row = levels.for_rank(rank) or {}
        above = levels.above_table(rank, asked)
        people_q = self.request.GET.get("people", "").strip()[:60]
        found = []
        if people_q and state in EDITABLE_STATES and has_permission(self.request, "receptions.submit"):
            from apps.registry.modules import people_lookup

            found = people_lookup(self.request.user, people_q)
        conflicts = selectors.conflicts(visit)
        gifts = list(visit.gifts.all())
        return {
            "visit": visit,
            "division_name": next(
                (
                    label(d["names"], d["code"])
                    for d in self.request.tenant.profile.get("divisions") or []
                    if d["code"] == visit.division
                ),
                "",
            ),
            "action_url_name": "receptions:action",
            "editable": state in EDITABLE_STATES and has_permission(self.request, "receptions.submit"),
            "can_plan": can_plan,
            "can_gift": has_permission(self.request, "receptions.plan")
            and state in ("approved", "completed"),
            "can_follow": has_permission(self.request, "receptions.plan") and state == "completed",
            "guests": selectors.ordered(visit, "guest"),
            "hosts": selectors.ordered(visit, "host"),
            "chief": chief,
            "rank_label": levels.rank_label(rank),
            "levels": [
                {
                    "name": label(OCCASIONS[o]),
                    "table": levels.level_label(row.get(o, "")),
                    "asked": levels.level_label(asked.get(o, "")),
                    "above": o in above,
                }
                for o in OCCASIONS
            ],
            "items": [(item, conflicts.get(item.pk, [])) for item in visit.items.all()],
            "seatings": list(visit.seatings.all()),
            "seating_input": WebInput(s.SeatingInput, context={"request": self.request})
            if can_plan
            else None,
            "gifts": [(g, services.must_hand_in(g)) for g in gifts],
            "given_total": sum(g.value for g in gifts if g.direction == "given"),
            "documents": selectors.documents_of(visit),
            "people_q": people_q,
            "found": found,
            "today": timezone.localdate(),
        }


class ItemFormView(PermissionRequiredMixin, View):
    """Adds or changes one programme item (its errors under its fields)."""

    required_permissions = {"GET": "receptions.plan", "POST": "receptions.plan"}
    template_name = "receptions/item_form.html"

    def _visit(self, request, pk):
        visit = get_object_or_404(selectors.visits_for(request.user), pk=pk)
        if visit.case.state not in PLANNING_STATES:
            raise Http404
        return visit

    def get(self, request, pk, item=None):
        visit = self._visit(request, pk)
        initial = {}
        if item is not None:
            found = get_object_or_404(visit.items, pk=item)
            tz = timezone.get_current_timezone()
            initial = {
                **{
                    f: getattr(found, f)
                    for f in ("kind", "title", "venue", "vehicles", "dress", "press", "notes")
                },
                "start": found.start.astimezone(tz).replace(tzinfo=None),
                "end": found.end.astimezone(tz).replace(tzinfo=None),
                "participants": [str(p.pk) for p in found.participants.all()],
            }
        web = WebInput(s.ItemInput, initial=initial, context={"request": request})
        return render(request, self.template_name, {"visit": visit, "input": web, "item": item})

    def post(self, request, pk, item=None):
        visit = self._visit(request, pk)
        web = WebInput(s.ItemInput, data=request.POST, context={"request": request})
        if web.is_valid():
            data = {**web.validated_data, "item": item}
            try:
                services.save_item(actor=request.user, record=visit, data=data)
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("receptions:detail", visit.pk)
        return render(request, self.template_name, {"visit": visit, "input": web, "item": item}, status=400)


def _seat_rows(seating):
    return [
        {"table": seat.table, "seat": seat.seat, "place": seat.place, "participant": seat.participant_id}
        for seat in seating.seats.all()
    ]


def chart(seating) -> list[dict]:
    """The seating as it is printed: per table (banquet) or side (meeting), in place order."""
    seats = list(seating.seats.select_related("participant"))
    tables: dict[int, list] = {}
    for seat in seats:
        tables.setdefault(seat.table, []).append(seat)
    result = []
    for number in sorted(tables):
        at = [x for x in tables[number] if x.place == "seat"]
        behind = [x for x in tables[number] if x.place == "behind"]
        at = planner.physical_row(at) if seating.kind == "face_to_face" else sorted(at, key=lambda x: x.seat)
        if seating.kind == "banquet":
            name = _("Main table") if number == 1 else _("Table %(n)d") % {"n": number}
        else:
            name = _("Host side") if number == 1 else _("Guest side")
        result.append({"number": number, "name": name, "seats": at, "behind": behind})
    return result


class SeatingView(PermissionRequiredMixin, View):
    """A seating plan: its chart, and (to the planners) its seats to edit."""

    required_permissions = {"GET": "receptions.view", "POST": "receptions.plan"}
    template_name = "receptions/seating.html"

    def _get(self, request, pk, seating):
        visit = get_object_or_404(selectors.visits_for(request.user).prefetch_related("participants"), pk=pk)
        return visit, get_object_or_404(visit.seatings, pk=seating)

    def _render(self, request, visit, seating, web, status=200):
        can_edit = has_permission(request, "receptions.plan") and visit.case.state in PLANNING_STATES
        return render(
            request,
            self.template_name,
            {
                "visit": visit,
                "seating": seating,
                "chart": chart(seating),
                "input": web if can_edit else None,
                "people": {p.pk: p for p in visit.participants.all()},
                "legends": {"seats": _("Seats")},
            },
            status=status,
        )

    def get(self, request, pk, seating):
        visit, seating = self._get(request, pk, seating)
        web = WebInput(
            s.SeatsInput,
            initial={"seating": seating.pk, "seats": _seat_rows(seating)},
            context={"request": request},
        )
        return self._render(request, visit, seating, web)

    def post(self, request, pk, seating):
        visit, seating = self._get(request, pk, seating)
        web = WebInput(s.SeatsInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                services.set_seats(actor=request.user, record=visit, data=web.validated_data)
            except ValidationError as error:
                web.add_errors(error)
            except PermissionDenied:
                raise
            else:
                messages.success(request, _("Saved."))
                return redirect("receptions:seating", visit.pk, seating.pk)
        return self._render(request, visit, seating, web, status=400)


def _office(request):
    return request.tenant


class PrintView(PermissionRequiredMixin, View):
    """Printable PDFs for the participants: the seating chart, the place cards, the
    programme, the guest list; the reception plan as issued."""

    required_permissions = {"GET": "receptions.view"}

    def get(self, request, pk, what, seating=None):
        from apps.documents.pdf import render_pdf

        visit = get_object_or_404(
            selectors.visits_for(request.user).prefetch_related("participants", "items__participants"), pk=pk
        )
        context = {"visit": visit, "office": _office(request)}
        if what in ("chart", "cards"):
            found = get_object_or_404(visit.seatings, pk=seating)
            context.update(seating=found, chart=chart(found))
            if what == "cards":
                context["people"] = [x.participant for t in context["chart"] for x in t["seats"]]
            template = f"receptions/{what}_pdf.html"
            filename = f"{what}-{visit.pk}-{found.pk}.pdf"
        elif what in ("programme", "guests"):
            context.update(guests=selectors.ordered(visit, "guest"), hosts=selectors.ordered(visit, "host"))
            context["items"] = list(visit.items.all())
            template = f"receptions/{what}_pdf.html"
            filename = f"{what}-{visit.pk}.pdf"
        else:
            raise Http404
        pdf = render_pdf(template, context)
        return file_response(pdf, "application/pdf", filename, as_attachment=False)


class DocumentView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "receptions.view"}

    def get(self, request, pk, item):
        from apps.documents.views import document_pdf_response

        visit = get_object_or_404(selectors.visits_for(request.user), pk=pk)
        return document_pdf_response(get_object_or_404(selectors.documents_of(visit).defer(None), pk=item))


class CaseRedirectView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "receptions.view"}

    def get(self, request, case_pk: int):
        visit = get_object_or_404(selectors.visits_for(request.user), case_id=case_pk)
        return redirect("receptions:detail", visit.pk)


# --- receptions registered by departments --------------------------------------------


class RegistrationListView(PermissionRequiredMixin, TemplateView):
    template_name = "receptions/registration_list.html"
    required_permissions = {"GET": "receptions.view"}

    def get_context_data(self, **kwargs):
        filters = query_filters(s.RegistrationFilter, self.request.GET)
        page, query = _page(self.request, selectors.search_registrations(self.request.user, **filters))
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "query": query,
            "filter_form": _filter_form(self.request, s.RegistrationFilter),
            "can_register": has_permission(self.request, "receptions.register"),
        }


class RegistrationFormView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "receptions.register", "POST": "receptions.register"}
    template_name = "receptions/registration_form.html"

    def _record(self, request, pk):
        if pk is None:
            return None
        registration = get_object_or_404(selectors.registrations_for(request.user), pk=pk)
        if registration.case.state not in EDITABLE_STATES:
            raise Http404
        return registration

    def get(self, request, pk=None):
        registration = self._record(request, pk)
        initial = {"unit_code": request.user.unit or ""}
        if registration is not None:
            initial = {f: getattr(registration, f) for f in services.REGISTRATION_FIELDS}
        web = WebInput(s.RegistrationInput, initial=initial, context={"request": request})
        return render(request, self.template_name, {"registration": registration, "input": web})

    def post(self, request, pk=None):
        registration = self._record(request, pk)
        web = WebInput(s.RegistrationInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                if registration is None:
                    registration = services.create_registration(actor=request.user, data=web.validated_data)
                else:
                    registration = services.update_registration(
                        actor=request.user, registration=registration, data=web.validated_data
                    )
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("receptions:registration", registration.pk)
        return render(request, self.template_name, {"registration": registration, "input": web}, status=400)


class RegistrationView(CaseRecordView):
    model = Registration
    table = REGISTRATION_ACTIONS
    template_name = "receptions/registration_detail.html"
    required_permissions = {"GET": "receptions.view", "POST": "receptions.view"}
    detail_url_name = "receptions:registration"

    def get_record(self, pk):
        return get_object_or_404(selectors.registrations_for(self.request.user), pk=pk)

    def extra_context_for(self, registration):
        return {
            "registration": registration,
            "action_url_name": "receptions:registration-action",
            "editable": registration.case.state in EDITABLE_STATES
            and has_permission(self.request, "receptions.register"),
            "rank_label": levels.rank_label(registration.protocol_rank),
        }


class RegistrationCaseRedirectView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "receptions.view"}

    def get(self, request, case_pk: int):
        registration = get_object_or_404(selectors.registrations_for(request.user), case_id=case_pk)
        return redirect("receptions:registration", registration.pk)
