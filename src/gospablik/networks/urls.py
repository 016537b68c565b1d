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
]
