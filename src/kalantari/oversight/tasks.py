"""Background jobs of oversight (django-tasks).

`digest_weekly` sends the week's early-warning digests. django-tasks runs what is enqueued
but schedules nothing: enqueue it weekly (Saturday morning, after the week ends) from the
scheduler that runs the workers, or run `kalantari digest send` from cron, which does the
same. Either way a digest already sent is not sent again, so an extra run is harmless.
"""

from __future__ import annotations

from django_tasks import task

from kalantari.oversight.digest import digest_send


@task()
def digest_weekly() -> dict[str, int | str]:
    """Send the last complete week's digest to every commander and inspector not yet sent it."""
    run = digest_send()
    return {
        "week": run.week.key,
        "sent": len(run.sent),
        "already": len(run.already),
        "no_address": len(run.no_address),
        "failed": len(run.failed),
    }
