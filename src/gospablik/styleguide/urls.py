from django.urls import path

from gospablik.styleguide import views

app_name = "styleguide"
urlpatterns = [
    path("", views.style_page, name="page"),
    path("<int:pk>/delete/", views.delete_entry, name="delete"),
]
