"""The members app's background work (django-tasks; run by `manage.py db_worker`)."""

from django_tasks import task


@task()
def import_member_list(job_id: str) -> None:
    """Import a member list kept by members.import_jobs.queue_import."""
    from members.import_jobs import run_import

    run_import(job_id)


@task()
def export_member_list(job_id: str) -> None:
    """Write a member list queued by members.export_jobs.queue_export."""
    from members.export_jobs import run_export

    run_export(job_id)
