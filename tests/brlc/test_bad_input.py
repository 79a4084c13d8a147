"""Bad input on the BRLC pages and API never reaches a 500: garbage query strings on every
list, report and public page, malformed bodies on every action (web and API)."""

from apps.brlc.models import Meeting, Project, Resolution
from tests.brlc.helpers import ApplicationFactory, meeting, member, people, today
from tests.conftest import in_city

PAGES = [
    "/brlc/",
    "/brlc/members/",
    "/brlc/applications/",
    "/brlc/meetings/",
    "/brlc/projects/",
    "/brlc/notices/",
    "/brlc/report/",
    "/brlc/report/export.xlsx",
    "/brlc/public/",
    "/brlc/public/resolutions/",
    "/api/v1/brlc/members/",
    "/api/v1/brlc/applications/",
    "/api/v1/brlc/meetings/",
    "/api/v1/brlc/resolutions/",
    "/api/v1/brlc/projects/",
    "/api/v1/brlc/notices/",
    "/api/v1/brlc/report/",
    "/api/v1/brlc/public/members/",
    "/api/v1/brlc/public/resolutions/",
]
GARBAGE = [
    "?year=abc",
    "?year=99999999999999999999&page=-1&limit=-5&offset=abc",
    "?q=" + "x" * 5000,
    "?status=%00&q=%27%22",
]
BODIES = [
    '{"version": "abc"}',
    "[]",
    '"x"',
    '{"members": {"a": 1}, "meeting": [1]}',
    "not json",
    '{"adoption": "x", "meeting": "abc", "lead": null, "partners": 5, "progress": 1e99}',
]


def test_garbage_never_answers_500(db, client_for):
    with in_city("hangzhou"):
        users = people()
        application = ApplicationFactory(users=users, approved=True)
        someone = member(users, name_en="A", name_zh="甲")
        held = meeting(users)
        from apps.brlc import services

        resolution = services.create_resolution(
            actor=users["clerk"],
            data={
                "meeting": held.pk,
                "number": "R",
                "title_zh": "x",
                "title_en": "x",
                "text_zh": "x",
                "text_en": "x",
            },
        )
        project = services.create_project(
            actor=users["clerk"],
            data={
                "title_zh": "x",
                "title_en": "x",
                "summary": "x",
                "lead": someone.pk,
                "partners": [member(users, name_en="B", name_zh="乙").pk],
                "starts_on": today(),
                "ends_on": today(),
            },
        )
        before = (Meeting.objects.count(), Resolution.objects.count())
    client = client_for("hangzhou", users["clerk"])
    for page in PAGES:
        for query in GARBAGE:
            assert client.get(page + query).status_code < 500, page + query
    api = "/api/v1/brlc/"
    targets = {
        f"{api}applications/{application.pk}/": ("admit", "decline", "submit", "withdraw"),
        f"{api}members/{someone.pk}/": ("update", "add_contact", "remove_contact", "withdraw"),
        f"{api}meetings/{held.pk}/": ("invite", "record", "add_resolution", "cancel"),
        f"{api}resolutions/{resolution.pk}/": ("adopt", "reject", "follow_up"),
        f"{api}projects/{project.pk}/": ("report", "add_milestone", "reach_milestone", "close"),
    }
    urls = [f"{base}{name}/" for base, names in targets.items() for name in names]
    urls += [f"{api}{kind}/" for kind in ("applications", "meetings", "resolutions", "projects", "notices")]
    for url in urls:
        for body in BODIES:
            answer = client.post(url, body, content_type="application/json")
            assert answer.status_code < 500, (url, body, answer.content[:300])
    pages = [f"/brlc/members/{someone.pk}/do/{name}/" for name in ("update", "withdraw", "nosuch")]
    pages += [f"/brlc/meetings/{held.pk}/do/{name}/" for name in ("invite", "record", "add_resolution")]
    pages += [
        f"/brlc/resolutions/{resolution.pk}/do/adopt/",
        f"/brlc/projects/{project.pk}/do/reach_milestone/",
        f"/brlc/applications/{application.pk}/actions/admit/",
        "/brlc/applications/new/",
        "/brlc/projects/new/",
        "/brlc/notices/new/",
        "/brlc/meetings/new/",
    ]
    for url in pages:
        for data in [{"version": "abc", "meeting": "x"}, {"members": ["x", "1"], "progress": "-1"}, {}]:
            assert client.post(url, data).status_code < 500, (url, data)
    with in_city("hangzhou"):  # nothing half-saved by any of it
        assert (Meeting.objects.count(), Resolution.objects.count()) == before
        assert Project.objects.get().reports.count() == 0
