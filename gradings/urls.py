from django.urls import path

from gradings import views

urlpatterns = [
    path("gradings/", views.grading_list, name="grading_list"),
    path("gradings/export/", views.grading_export, name="grading_export"),
    path("gradings/<uuid:pk>/<int:year>/<str:stage>/", views.grading_enter, name="grading_enter"),
]
