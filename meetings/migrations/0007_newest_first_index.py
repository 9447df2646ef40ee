"""An index in the meeting list's order (issue 15)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0009_uploader_in_accounts'),
        ('meetings', '0006_key_tasks_are_work_tasks'),
        ('org', '0010_organization_search_name'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='meeting',
            index=models.Index(fields=['-starts_at', 'id'], name='meeting_newest_first'),
        ),
    ]
