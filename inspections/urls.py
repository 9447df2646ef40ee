from django.urls import path

from inspections import views

urlpatterns = [
    path("inspections/", views.inspection_list, name="inspection_list"),
    path("inspections/new/", views.inspection_create, name="inspection_create"),
    path("inspections/export/", views.inspection_export, name="inspection_export"),
    path("inspections/<uuid:pk>/", views.inspection_detail, name="inspection_detail"),
    path("inspections/<uuid:pk>/edit/", views.inspection_edit, name="inspection_edit"),
    path("inspections/<uuid:pk>/status/", views.inspection_move, name="inspection_move"),
    path("inspections/<uuid:pk>/conclusion/", views.inspection_conclude, name="inspection_conclude"),
    path("inspections/<uuid:pk>/conclusion/document/", views.inspection_draft_conclusion,
         name="inspection_draft_conclusion"),
    path("inspections/<uuid:pk>/follow-ups/", views.follow_up_create, name="inspection_follow_up_create"),
    path("inspections/follow-ups/<uuid:pk>/done/", views.follow_up_done, name="inspection_follow_up_done"),
]
