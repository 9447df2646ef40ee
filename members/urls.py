from django.urls import path

from members import views

urlpatterns = [
    path("members/", views.member_list, name="member_list"),
    path("members/new/", views.member_register, name="member_register"),
    path("members/receive/", views.member_receive, name="member_receive"),
    path("members/export.xlsx", views.member_export, name="member_export"),
    path("members/exports/<uuid:pk>/", views.member_export_status, name="member_export_status"),
    path("members/exports/<uuid:pk>/file", views.member_export_file, name="member_export_file"),
    path("members/import/", views.member_import, name="member_import"),
    path("members/imports/<uuid:pk>/", views.member_import_status, name="member_import_status"),
    path("members/import/template.xlsx", views.member_import_template, name="member_import_template"),
    path("members/fees/", views.fee_sheet, name="fee_sheet"),
    path("members/<uuid:pk>/", views.member_detail, name="member_detail"),
    path("members/<uuid:pk>/edit/", views.member_edit, name="member_edit"),
    path("members/<uuid:pk>/events/new/", views.event_create, name="member_event_create"),
    path("members/<uuid:pk>/fee-reliefs/new/", views.fee_relief_create, name="member_fee_relief"),
    path("members/<uuid:pk>/introducers/new/", views.introducer_create, name="member_introducer"),
    path("members/<uuid:pk>/introducers/<uuid:introducer_pk>/remove/", views.introducer_remove,
         name="member_introducer_remove"),
]
