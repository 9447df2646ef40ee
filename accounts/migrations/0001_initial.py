"""Users, roles and API tokens leave org for accounts (issue 12). Only Django's picture of the models moves: the rows
stay in the tables org created (org_user, org_assignment, org_apitoken), which 0002 renames. Nothing here touches the
database, so an installation that already holds the tables may record it as applied without running it (the migrate
command does so, see accounts.management.commands.migrate)."""

import django.contrib.auth.models
import django.contrib.auth.validators
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        # Only org's first migration: what the models refer to (a person, an organisation) exists from there on.
        ('org', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='User',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('password', models.CharField(max_length=128, verbose_name='password')),
                        ('last_login', models.DateTimeField(blank=True, null=True, verbose_name='last login')),
                        ('is_superuser', models.BooleanField(default=False, help_text='Designates that this user has all permissions without explicitly assigning them.', verbose_name='superuser status')),
                        ('username', models.CharField(error_messages={'unique': 'A user with that username already exists.'}, help_text='Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.', max_length=150, unique=True, validators=[django.contrib.auth.validators.UnicodeUsernameValidator()], verbose_name='username')),
                        ('first_name', models.CharField(blank=True, max_length=150, verbose_name='first name')),
                        ('last_name', models.CharField(blank=True, max_length=150, verbose_name='last name')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='email address')),
                        ('is_staff', models.BooleanField(default=False, help_text='Designates whether the user can log into this admin site.', verbose_name='staff status')),
                        ('is_active', models.BooleanField(default=True, help_text='Designates whether this user should be treated as active. Unselect this instead of deleting accounts.', verbose_name='active')),
                        ('date_joined', models.DateTimeField(default=django.utils.timezone.now, verbose_name='date joined')),
                        ('is_demo', models.BooleanField(default=False, help_text='Chỉ đăng nhập được khi chạy ở chế độ trình diễn.', verbose_name='tài khoản trình diễn')),
                        ('groups', models.ManyToManyField(blank=True, help_text='The groups this user belongs to. A user will get all permissions granted to each of their groups.', related_name='user_set', related_query_name='user', to='auth.group', verbose_name='groups')),
                        ('user_permissions', models.ManyToManyField(blank=True, help_text='Specific permissions for this user.', related_name='user_set', related_query_name='user', to='auth.permission', verbose_name='user permissions')),
                        ('person', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='user', to='org.person', verbose_name='người')),
                    ],
                    options={
                        'db_table': 'org_user',
                        'verbose_name': 'tài khoản',
                        'verbose_name_plural': 'tài khoản',
                    },
                    managers=[
                        ('objects', django.contrib.auth.models.UserManager()),
                    ],
                ),
                migrations.CreateModel(
                    name='ApiToken',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key_hash', models.CharField(max_length=64, unique=True)),
                        ('prefix', models.CharField(max_length=8)),
                        ('created', models.DateTimeField(auto_now_add=True)),
                        ('expires_at', models.DateTimeField()),
                        ('revoked_at', models.DateTimeField(blank=True, null=True)),
                        ('last_used_at', models.DateTimeField(blank=True, null=True)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='api_tokens', to='accounts.user')),
                    ],
                    options={
                        'db_table': 'org_apitoken',
                        'verbose_name': 'mã truy cập API',
                        'verbose_name_plural': 'mã truy cập API',
                    },
                ),
                migrations.CreateModel(
                    name='Assignment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('ward_clerk', 'Văn phòng Đảng ủy (cán bộ văn phòng)'), ('ward_secretary', 'Bí thư, Phó Bí thư Đảng ủy'), ('cell_secretary', 'Bí thư chi bộ'), ('inspection', 'Ủy ban Kiểm tra'), ('superior_viewer', 'Cấp trên (chỉ xem)'), ('sysadmin', 'Quản trị hệ thống')], max_length=32, verbose_name='vai trò')),
                        ('created', models.DateTimeField(auto_now_add=True)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assignments', to='accounts.user', verbose_name='tài khoản')),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assignments', to='org.organization', verbose_name='tổ chức')),
                    ],
                    options={
                        'db_table': 'org_assignment',
                        'verbose_name': 'phân quyền',
                        'verbose_name_plural': 'phân quyền',
                        'constraints': [models.UniqueConstraint(fields=('user', 'organization', 'role'), name='assignment_unique')],
                    },
                ),
            ],
        ),
    ]
