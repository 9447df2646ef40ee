from django.urls import path

from documents import views

urlpatterns = [
    path("documents/", views.document_list, name="document_list"),
    path("documents/incoming/new/", views.document_receive, name="document_receive"),
    path("documents/outgoing/new/", views.document_draft, name="document_draft"),
    path("documents/sequences/", views.sequence_list, name="document_sequences"),
    path("documents/<uuid:pk>/", views.document_detail, name="document_detail"),
    path("documents/<uuid:pk>/approve/", views.document_approve, name="document_approve"),
    path("documents/<uuid:pk>/issue/", views.document_issue, name="document_issue"),
    path("documents/<uuid:pk>/paper/", views.document_paper, name="document_paper"),
    path("documents/<uuid:pk>/edit/", views.document_edit, name="document_edit"),
    path("documents/<uuid:pk>/send-back/", views.document_send_back, name="document_send_back"),
    path("documents/<uuid:pk>/resubmit/", views.document_resubmit, name="document_resubmit"),
    path("documents/<uuid:pk>/withdraw/", views.document_withdraw, name="document_withdraw"),
    path("documents/<uuid:pk>/attachments/", views.document_attach, name="document_attach"),
    path("documents/<uuid:pk>/attachments/<uuid:attachment_pk>/", views.attachment_download,
         name="attachment_download"),
]
