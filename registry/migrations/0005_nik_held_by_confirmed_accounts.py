from django.conf import settings
from django.db import migrations, models
from django.db.models import F

from ppid.roles import grant_permissions


def accounts_in_use_are_confirmed(apps, schema_editor):
    """Active accounts made before confirmation was recorded (e.g. by hand) keep holding their NIK."""
    Requester = apps.get_model("registry", "Requester")
    Requester.objects.filter(user__isnull=False, user__is_active=True, email_confirmed_at__isnull=True).update(
        email_confirmed_at=F("created_at")
    )


def grant(apps, schema_editor):
    # The PPID answers a requester's or the regulator's question "who saw this person's data".
    grant_permissions(apps, {"ppid": ["registry.view_identityaccesslog"], "admin": ["registry.*"]})


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0004_verification_submission_outcome'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='requester',
            name='requester_person_nik_unique',
        ),
        migrations.AlterField(
            model_name='identityaccesslog',
            name='action',
            field=models.CharField(choices=[('view', 'Dilihat'), ('export', 'Diekspor'), ('delete', 'Dihapus'), ('refused', 'Akses ditolak'), ('report', 'Laporan akses dibuat')], max_length=10, verbose_name='tindakan'),
        ),
        migrations.AlterField(
            model_name='requester',
            name='address',
            field=models.TextField(blank=True, max_length=500, verbose_name='alamat'),
        ),
        migrations.RunPython(accounts_in_use_are_confirmed, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='requester',
            constraint=models.UniqueConstraint(condition=models.Q(('claimed_requester__isnull', True), ('kind', 'person'), models.Q(('user__isnull', True), ('email_confirmed_at__isnull', False), _connector='OR')), fields=('nik',), name='requester_person_nik_held_unique'),
        ),
    ]
