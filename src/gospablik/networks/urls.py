from django.urls import path, re_path

from gospablik.networks import views

app_name = "networks"
urlpatterns = [
    path("vk/<int:connection_id>/", views.vk_callback, name="vk_callback"),
    re_path(
        r"^(?P<network>telegram|max|facebook|instagram)/(?P<connection_id>\d+)/$",
        views.network_webhook,
        name="webhook",
    ),
    # OK signs nothing: its subscribed URL ends with the connection's webhook secret
    re_path(
        r"^(?P<network>ok)/(?P<connection_id>\d+)/(?P<secret>[^/]+)/$",
        views.network_webhook,
        name="ok_webhook",
    ),
]
