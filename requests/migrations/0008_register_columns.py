"""The register's columns from notices and reviews kept on the request row (requests.services.register_columns), filled for the existing rows."""

from django.db import migrations, models


def backfill(apps, schema_editor):
    from requests.services.register_columns import register_columns_expressions

    InformationRequest = apps.get_model("requests", "InformationRequest")
    Notice = apps.get_model("requests", "Notice")
    Review = apps.get_model("requests", "Review")
    InformationRequest.objects.filter(register_number__isnull=False).update(**register_columns_expressions(Notice, Review))


class Migration(migrations.Migration):
    dependencies = [("requests", "0007_letters")]

    operations = [
        migrations.AddField(
            model_name="informationrequest",
            name="register_notice_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="pemberitahuan tertulis pertama"),
        ),
        migrations.AddField(
            model_name="informationrequest",
            name="register_refusal_body",
            field=models.TextField(blank=True, editable=False, verbose_name="alasan pada surat penolakan terakhir"),
        ),
        migrations.AddField(
            model_name="informationrequest",
            name="register_exemption_letter",
            field=models.CharField(blank=True, editable=False, max_length=1, verbose_name="huruf pasal 17 pada uji terakhir"),
        ),
        migrations.AddField(
            model_name="informationrequest",
            name="register_exemption_law",
            field=models.CharField(blank=True, editable=False, max_length=300, verbose_name="undang-undang lain pada uji terakhir"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
