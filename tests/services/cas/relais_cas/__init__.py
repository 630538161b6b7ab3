"""A minimal Django project around django-cas-server for Relais's tests."""
