"""Prints the current one-time code of the demo authenticator (``make run``): the demo
accounts whose role signs in with two factors all use its published secret."""

import base64

from django.core.management.base import BaseCommand
from django_otp.oath import totp

from tenants.demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Prints the demo authenticator's current one-time code (demo accounts only)."

    def handle(self, *args, **options):
        self.stdout.write(f"{totp(base64.b32decode(DEMO_TOTP_SECRET)):06d}")
