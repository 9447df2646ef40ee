from django.conf import settings


def navigation(request):
    return {"demo_mode": settings.DEMO_MODE}
