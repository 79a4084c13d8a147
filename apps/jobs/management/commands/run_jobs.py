"""manage.py run_jobs: the background worker (every queue, the periodic jobs included).

``make run`` starts it beside gunicorn and stops it with gunicorn. It polls the queue
(Django's connection cannot LISTEN); SIGINT/SIGTERM stop it after the running job."""

from django.core.management.base import BaseCommand
from procrastinate.contrib.django import app


class Command(BaseCommand):
    help = "Run the background jobs worker (Procrastinate) and its periodic schedule."

    def add_arguments(self, parser):
        parser.add_argument("--poll", type=float, default=2.0, help="seconds between looks at the queue")
        parser.add_argument("--once", action="store_true", help="run what is due, then stop")

    def handle(self, *args, poll=2.0, once=False, **options):
        app.run_worker(
            wait=not once,
            listen_notify=False,
            fetch_job_polling_interval=poll,
            install_signal_handlers=not once,
            task_middleware=[],
            name="waiban",
        )
