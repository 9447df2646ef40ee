"""Authentication: demo accounts log in only in demo mode; throttled logins get a Vietnamese answer."""

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
