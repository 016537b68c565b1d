from django.urls import path, re_path

from gospablik.networks import pages as network_pages
from gospablik.web.views import duties, home, policy, registry

app_name = "web"
M = "<slug:ministry>/"

urlpatterns = [
    path("", home.dashboard, name="dashboard"),
    path("notifications/", home.notifications, name="notifications"),
    path("notifications/read/", home.notifications_read, name="notifications_read"),
    path(M, home.board, name="board"),
    path(M + "audit/", home.audit_log, name="audit"),
    path(M + "audit/verify/", home.audit_verify, name="audit_verify"),
    path(M + "people/", home.people, name="people"),
    path(M + "registry/", registry.account_list, name="registry"),
    path(M + "registry/new/", registry.account_create, name="account_create"),
    re_path(
        r"^(?P<ministry>[-\w]+)/registry/export\.(?P<fmt>csv|xlsx)$",
        registry.account_export,
        name="registry_export",
    ),
    path(M + "registry/<int:pk>/", registry.account_detail, name="account"),
    path(M + "registry/<int:pk>/edit/", registry.account_edit, name="account_edit"),
    path(M + "registry/<int:pk>/delete/", registry.account_delete, name="account_delete"),
    path(M + "registry/<int:pk>/connection/", network_pages.connection_page, name="connection"),
    path(
        M + "registry/<int:pk>/connection/test/",
        network_pages.connection_test,
        name="connection_test",
    ),
    path(M + "duties/<int:pk>/", duties.duty_detail, name="duty"),
    re_path(
        r"^(?P<ministry>[-\w]+)/duties/letter\.(?P<fmt>docx|pdf)$",
        duties.duty_letter,
        name="duty_letter",
    ),
    path(M + "policy/", policy.policy_view, name="policy"),
    path(M + "policy/edit/", policy.policy_edit, name="policy_edit"),
    path(M + "policy/order-signed/", policy.order_signed, name="order_signed"),
    path(M + "policy/v<int:version>/", policy.policy_version, name="policy_version"),
]
