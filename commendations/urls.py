from django.urls import path

from commendations import views

urlpatterns = [
    path("commendations/", views.commendation_list, name="commendation_list"),
    path("commendations/new/", views.commendation_create, name="commendation_create"),
    path("commendations/<uuid:pk>/", views.commendation_detail, name="commendation_detail"),
    path("commendations/<uuid:pk>/edit/", views.commendation_edit, name="commendation_edit"),
]
