"""The authentication API: a username and password traded for a bearer token, and tokens revoked."""

from django.contrib.auth import authenticate
from ninja import Router, Status

from accounts.schemas import TokenIn, TokenOut
from accounts.services import issue_api_token, revoke_all_api_tokens, revoke_api_token
from core.api import Error, InvalidInput

BAD_CREDENTIALS = "Sai tên đăng nhập hoặc mật khẩu."

router = Router(tags=["Xác thực"])


@router.post(
    "/token", auth=None, response={200: TokenOut, 400: Error, 401: Error, 422: InvalidInput, 429: Error}
)
def obtain_token(request, payload: TokenIn):
    """Trade a username and password for a bearer token (throttled: repeated failures lock out, HTTP 429)."""
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:
        return Status(401, {"detail": BAD_CREDENTIALS})
    key, token = issue_api_token(user=user)
    return {"token": key, "expires_at": token.expires_at}


@router.delete("/tokens", response={204: None, 401: Error})
def revoke_all_tokens(request):
    """Revoke every token of the caller, this one included."""
    revoke_all_api_tokens(request.user, actor=request.user)
    return Status(204, None)


@router.delete("/token", response={204: None, 401: Error})
def revoke_token(request):
    """Revoke the token this call was made with."""
    revoke_api_token(request.api_token_key, actor=request.user)
    return Status(204, None)
