"""Django's last answers: an error no view caught. Under /api/ it is the API's JSON `{"detail"}`, elsewhere the
Vietnamese page (templates/500.html)."""

from django.views.defaults import server_error as page_server_error

from config.middleware import refusal

SERVER_ERROR = ("Lỗi máy chủ: thao tác có thể chưa được thực hiện xong. Hãy mở lại để kiểm tra rồi thử lại; "
                "nếu vẫn lỗi, hãy báo quản trị hệ thống.")


def server_error(request, template_name="500.html"):
    if request.path.startswith("/api/"):
        return refusal(request, 500, SERVER_ERROR)
    return page_server_error(request, template_name)
