"""The protocol planner: order of precedence (礼宾次序) and seating (座次), pure functions
of the participants (no database), so they are fast and testable on their own.

Order of precedence of one side (the office's rules, as protocol does):

0. guests: the head of the delegation (the first guest entered) leads, whatever the ranks;
1. protocol rank (guests) or rank (hosts), highest first; people without a rank come last;
2. equal ranks: the one longer in office first (earlier ``took_office``; unknown last);
3. then alphabetically by name in English (Latin letters), then by Chinese name.

Interpreters have no place in the order: they sit behind (meetings, banquets) or beside
(talks) the principal they interpret for.

Seating:

* **Talks, face to face** (会谈): table 1 is the host side, table 2 the guest side, each a
  row facing the other. Seat 1 is the middle of the row (the principal); the interpreter
  sits at the principal's right (seat 2); the others follow in order of precedence,
  alternately right and left of the principal (3 left, 4 right, ...).
* **Meeting, side by side** (会见): the principals side by side, the chief guest on the
  host's right; each side's others in a wing from the principal outwards (table 1: the
  host side's wing, table 2: the guest side's); interpreters behind their principals.
* **Banquet, round tables** (宴会): table 1 is the main table. Each table's seat 1 is its
  host (a member of the host side, in order of precedence); seats run clockwise, seat 2
  is on the host's right. Host side on odd seats, guests on even seats, so the two sides
  alternate round the table; within a side, the nearer to the host the higher, right
  before left (seat 2 the chief guest, seat n the second guest, seat 3 and n-1 the next
  hosts...). When a side runs out, the other fills the remaining seats in the same order.
  People go to tables in order of precedence (both sides interleaved), table 1 first;
  interpreters sit behind the host and the chief guest of table 1, then of the next tables.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from apps.receptions.models import PROTOCOL_RANK_ORDER
from apps.registry.ranks import RANKS

FAR_FUTURE = datetime.date(9999, 12, 31)


def rank_index(person: Any) -> int:
    if person.side == "guest":
        return (
            PROTOCOL_RANK_ORDER.index(person.protocol_rank)
            if person.protocol_rank in PROTOCOL_RANK_ORDER
            else -1
        )
    return RANKS.index(person.rank) if person.rank in RANKS else -1


def precedence_key(person: Any) -> tuple:
    return (
        0 if person.side == "guest" and person.order == 0 else 1,  # the head of the delegation leads
        -rank_index(person),
        person.took_office or FAR_FUTURE,
        (person.name_en or "").casefold(),
        person.name_zh or "",
        person.order,
    )


def order_of_precedence(people: Iterable[Any]) -> list[Any]:
    """The members (no interpreters) of one side in order of precedence."""
    return sorted((p for p in people if p.role != "interpreter"), key=precedence_key)


@dataclass(frozen=True)
class Place:
    table: int
    seat: int
    place: str  # "seat" | "behind"
    person: Any


def _meeting(
    kind: str, hosts: Sequence, guests: Sequence, host_interpreters, guest_interpreters
) -> list[Place]:
    places: list[Place] = []
    for table, members, interpreters in ((1, hosts, host_interpreters), (2, guests, guest_interpreters)):
        seat = 1
        queue = list(members)
        if queue:
            places.append(Place(table, 1, "seat", queue.pop(0)))
            seat = 2
        extra = list(interpreters)
        if extra:
            if kind == "face_to_face":
                places.append(Place(table, seat, "seat", extra.pop(0)))
                seat += 1
            else:
                places.append(Place(table, 1, "behind", extra.pop(0)))
        for person in queue + extra:  # further interpreters sit with their side
            places.append(Place(table, seat, "seat", person))
            seat += 1
    return places


def honour_positions(seats: int) -> tuple[list[int], list[int]]:
    """(host-side seats, guest-side seats) of a round table, each in order of honour."""
    order = [1]
    right, left = 2, seats
    while right <= left:
        order.append(right)
        if left != right:
            order.append(left)
        right, left = right + 1, left - 1
    return [s for s in order if s % 2 == 1], [s for s in order if s % 2 == 0]


def _banquet(hosts: Sequence, guests: Sequence, interpreters: Sequence, per_table: int) -> list[Place]:
    total = len(hosts) + len(guests)
    if not total:
        return []
    tables = max(1, math.ceil(total / per_table))
    host_q, guest_q = list(hosts), list(guests)
    assigned: list[tuple[list, list]] = [([], []) for _ in range(tables)]
    # Each table's host first, in order of precedence.
    for t in range(min(tables, len(host_q))):
        assigned[t][0].append(host_q.pop(0))
    # Then both sides interleaved (guest, host, guest, ...) in order of precedence, table 1 first.
    merged = []
    while host_q or guest_q:
        if guest_q:
            merged.append(("guest", guest_q.pop(0)))
        if host_q:
            merged.append(("host", host_q.pop(0)))
    t = 0
    for side, person in merged:
        while len(assigned[t][0]) + len(assigned[t][1]) >= per_table:
            t += 1
        assigned[t][0 if side == "host" else 1].append(person)
    host_seats, guest_seats = honour_positions(per_table)
    places: list[Place] = []
    interpreter_q = list(interpreters)
    for number, (table_hosts, table_guests) in enumerate(assigned, start=1):
        free_h, free_g = list(host_seats), list(guest_seats)
        if not table_hosts:  # a table of guests only: its first guest takes seat 1
            free_g, free_h = [1, *free_g], [s for s in free_h if s != 1]
        leftovers = []
        for person in table_hosts:
            leftovers.append(person) if not free_h else places.append(
                Place(number, free_h.pop(0), "seat", person)
            )
        guest_left = []
        for person in table_guests:
            guest_left.append(person) if not free_g else places.append(
                Place(number, free_g.pop(0), "seat", person)
            )
        rest = sorted(free_h + free_g, key=lambda s: (s != 1, min(s - 1, per_table - s + 1), s))
        for person in leftovers + guest_left:
            places.append(Place(number, rest.pop(0), "seat", person))
        for behind in (1, 2):
            if interpreter_q and any(p.table == number and p.seat == behind for p in places):
                places.append(Place(number, behind, "behind", interpreter_q.pop(0)))
    # Interpreters left over (more than two per table): behind the next seats of table 1.
    seat = 3
    while interpreter_q:
        places.append(Place(1, seat, "behind", interpreter_q.pop(0)))
        seat += 1
    return places


def generate(kind: str, people: Iterable[Any], per_table: int = 10) -> list[Place]:
    """The seats of a layout for ``people`` (both sides), from their order of precedence
    (their ``precedence`` when set, else the rules)."""
    people = list(people)

    def ordered(side: str) -> list:
        members = [p for p in people if p.side == side and p.role != "interpreter"]
        if all(p.precedence for p in members):
            return sorted(members, key=lambda p: p.precedence)
        return order_of_precedence(members)

    hosts, guests = ordered("host"), ordered("guest")
    host_i = [p for p in people if p.side == "host" and p.role == "interpreter"]
    guest_i = [p for p in people if p.side == "guest" and p.role == "interpreter"]
    if kind == "banquet":
        interleaved = [p for pair in zip(host_i, guest_i, strict=False) for p in pair]
        interleaved += host_i[len(guest_i) :] + guest_i[len(host_i) :]
        return _banquet(hosts, guests, interleaved, max(2, per_table))
    return _meeting(kind, hosts, guests, host_i, guest_i)


def physical_row(seats: Sequence[Any]) -> list[Any]:
    """A talks row as it stands, from its left end to its right end (as the row sees it):
    seat 1 in the middle, even seats on its right, odd seats on its left."""
    by_seat = sorted(seats, key=lambda s: s.seat)
    rights = [s for s in by_seat if s.seat % 2 == 0]
    lefts = [s for s in by_seat if s.seat % 2 == 1 and s.seat != 1]
    middle = [s for s in by_seat if s.seat == 1]
    return list(reversed(lefts)) + middle + rights


def duplicates(assignments: Sequence[dict]) -> dict[str, list[str]]:
    """Field errors of a set of seat assignments: the same seat given twice, or a person
    seated twice (``seats[i].seat`` / ``seats[i].participant``)."""
    from django.utils.translation import gettext as _

    errors: dict[str, list[str]] = {}
    seen_seats: dict[tuple, int] = {}
    seen_people: dict[Any, int] = {}
    for index, row in enumerate(assignments):
        key = (row["table"], row["seat"], row.get("place") or "seat")
        if key in seen_seats:
            errors.setdefault(f"seats[{index}].seat", []).append(
                _("Table %(table)d, seat %(seat)d is already given (row %(row)d).")
                % {"table": key[0], "seat": key[1], "row": seen_seats[key] + 1}
            )
        else:
            seen_seats[key] = index
        person = row["participant"]
        if person in seen_people:
            errors.setdefault(f"seats[{index}].participant", []).append(
                _("This person already has a seat (row %(row)d).") % {"row": seen_people[person] + 1}
            )
        else:
            seen_people[person] = index
    return errors
