from django.urls import path

from org import views

urlpatterns = []
