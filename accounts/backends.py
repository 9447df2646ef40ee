"""Authentication: demo accounts log in only in demo mode; throttled logins get a Vietnamese answer and are
counted per client address, also behind a reverse proxy."""

import ipaddress

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import JsonResponse
from django.shortcuts import render

LOCKOUT_MESSAGE = "Đăng nhập sai quá nhiều lần. Tài khoản hoặc địa chỉ này tạm bị khóa 15 phút; hãy thử lại sau."


class DemoAwareModelBackend(ModelBackend):
    def user_can_authenticate(self, user):
        if getattr(user, "is_demo", False) and not settings.DEMO_MODE:
            return False
        return super().user_can_authenticate(user)


def lockout_response(request, original_response=None, credentials=None):
    """What django-axes answers once an account or an address is locked out (HTTP 429)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": LOCKOUT_MESSAGE}, status=429)
    return render(request, "registration/locked_out.html", {"message": LOCKOUT_MESSAGE}, status=429)


def client_ip(request) -> str | None:
    """The client's address for login throttling (AXES_CLIENT_IP_CALLABLE, called with the request).

    With PROXY_COUNT trusted reverse proxies in front, each appends the address it saw to X-Forwarded-For, so the
    PROXY_COUNT-th entry from the end is what the outermost trusted proxy saw; entries before it may be forged.
    Without proxies (PROXY_COUNT=0) the header is ignored, since any client can send it.
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    if settings.PROXY_COUNT <= 0:
        return remote_addr
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < settings.PROXY_COUNT:
        return remote_addr
    try:
        return str(ipaddress.ip_address(forwarded[-settings.PROXY_COUNT]))
    except ValueError:
        return remote_addr
