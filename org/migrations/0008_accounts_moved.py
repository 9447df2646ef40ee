"""Users, roles and API tokens now belong to accounts (its 0001): org forgets them. The tables stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0007_record_versions'),
        ('accounts', '0001_initial'),
        ('audit', '0004_actor_in_accounts'),
        ('members', '0014_import_sender_in_accounts'),
        ('documents', '0009_uploader_in_accounts'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name='ApiToken'),
                migrations.DeleteModel(name='Assignment'),
                migrations.DeleteModel(name='User'),
            ],
        ),
    ]
