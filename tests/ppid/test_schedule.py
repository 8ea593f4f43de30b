from ppid.celery import app


def test_beat_schedules_the_reminder_sweep_and_the_retention_purge():
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {"notifications.tasks.deadline_sweep_task", "ppid.tasks.purge_identity_files"} <= tasks
    app.loader.import_default_modules()
    assert tasks <= set(app.tasks)
