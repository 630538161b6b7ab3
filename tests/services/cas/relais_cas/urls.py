"""The CAS server lives under /cas/, like most ENT CAS roots."""
from django.urls import include, path

urlpatterns = [path("cas/", include("cas_server.urls", namespace="cas_server"))]
