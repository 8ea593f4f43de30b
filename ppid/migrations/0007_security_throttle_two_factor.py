from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('ppid', '0006_generated_file'),
    ]

    operations = [
        migrations.CreateModel(
            name='ThrottleHit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(db_index=True, max_length=64)),
                ('at', models.DateTimeField(db_index=True)),
            ],
            options={
                'verbose_name': 'catatan pembatasan',
                'verbose_name_plural': 'catatan pembatasan',
            },
        ),
        migrations.CreateModel(
            name='TwoFactorRequirement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(max_length=40, unique=True, verbose_name='peran')),
                ('required', models.BooleanField(default=True, verbose_name='wajib verifikasi dua langkah')),
            ],
            options={
                'verbose_name': 'kewajiban verifikasi dua langkah',
                'verbose_name_plural': 'kewajiban verifikasi dua langkah',
                'ordering': ['role'],
            },
        ),
    ]
