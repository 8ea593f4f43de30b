"""The overdue and due-soon work queues list the requests awaiting a notice (two statuses) by due date
and receipt: a partial index in that order lets each read its 50 rows without sorting the matches."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("requests", "0008_register_columns"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="informationrequest",
            index=models.Index(
                condition=models.Q(("status__in", ["registered", "in_review"])),
                fields=["notice_due", "received_at"],
                name="request_awaiting_queue",
            ),
        ),
    ]
