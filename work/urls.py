from django.urls import path

from work.views import targets
from work.views import tasks as views

urlpatterns = [
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/new/", views.task_create, name="task_create"),
    path("tasks/carry-over/", views.task_carry_over, name="task_carry_over"),
    path("tasks/export/", views.task_export, name="task_export"),
    path("tasks/notice/", views.task_unit_month, name="task_unit_month"),
    path("tasks/<uuid:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<uuid:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<uuid:pk>/progress/<uuid:progress_pk>/file/", views.progress_file, name="task_progress_file"),
    path("targets/", targets.target_list, name="target_list"),
    path("targets/new/", targets.target_create, name="target_create"),
    path("targets/<uuid:pk>/", targets.target_detail, name="target_detail"),
    path("targets/<uuid:pk>/edit/", targets.target_edit, name="target_edit"),
]
