"""Background jobs on a PostgreSQL queue (Procrastinate), one city at a time.

Modules and the kernel declare a job with ``city_task`` and enqueue it with
``defer_for_city`` inside the transaction of the change that causes it: the job row is
written on Django's own connection, so it commits or rolls back with that change.
"""


def __getattr__(name: str):
    # Lazy: this package is imported while Django loads its apps, the runner needs them.
    if name in {"city_task", "platform_task", "defer_for_city", "defer_on_platform"}:
        from apps.jobs import runner

        return getattr(runner, name)
    raise AttributeError(name)
