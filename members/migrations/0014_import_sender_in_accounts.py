"""An import's sender now points at accounts.User: the same table and the same constraint, so only Django's picture changes."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0013_member_imports'),
        ('accounts', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='memberimport',
                    name='created_by',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='member_imports', to=settings.AUTH_USER_MODEL, verbose_name='người gửi'),
                ),
            ],
        ),
    ]
