"""Pages of the content module, mounted at /<ministry>/content/."""

from django.urls import path

from gospablik.content.views import compliance, editor, occasions, plan, posts, state

app_name = "content"
urlpatterns = [
    path("", plan.plan, name="plan"),
    path("posts/new/", posts.post_new, name="post_new"),
    path("posts/<int:pk>/", posts.post_detail, name="post"),
    path("posts/<int:pk>/state/", state.post_state, name="post_state"),
    path("posts/<int:pk>/edit/", posts.post_edit, name="post_edit"),
    path("posts/<int:pk>/schedule/", posts.post_schedule, name="post_schedule"),
    path("posts/<int:pk>/publish-now/", posts.post_publish_now, name="post_publish_now"),
    path("posts/<int:pk>/style-override/", posts.post_style_override, name="post_style_override"),
    path("posts/<int:pk>/reschedule/", plan.reschedule, name="post_reschedule"),
    path("posts/<int:pk>/cancel/", posts.post_cancel, name="post_cancel"),
    path("posts/<int:pk>/delete/", posts.post_delete, name="post_delete"),
    path("publications/<int:pk>/retry/", posts.publication_retry, name="publication_retry"),
    path("publications/<int:pk>/remove/", posts.publication_remove, name="publication_remove"),
    path("media/<int:pk>/", posts.media_file, name="media"),
    path("media/<int:pk>/edit/", posts.media_update, name="media_update"),
    path("media/<int:pk>/remove/", posts.media_remove, name="media_remove"),
    path("preview/", editor.preview, name="preview"),
    path("style-check/", editor.style_check, name="style_check"),
    path("occasions/", occasions.occasion_list, name="occasions"),
    path("occasions/new/", occasions.occasion_new, name="occasion_new"),
    path("occasions/<int:pk>/edit/", occasions.occasion_edit, name="occasion_edit"),
    path("occasions/<int:pk>/delete/", occasions.occasion_delete, name="occasion_delete"),
    path("compliance/", compliance.compliance, name="compliance"),
    path("compliance.xlsx", compliance.compliance_export, name="compliance_export"),
]
