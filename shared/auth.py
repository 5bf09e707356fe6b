"""Bearer tokens (JWT, HS256) with roles, and the checks every service uses.

Roles: `county_admin` (政协机关), `proposal_office` (提案委), `township:<id>` (a liaison
group's staff: its own township only), `member:<id>`, `handling_unit:<id>`, `ops`,
`info_office` (社情民意信息室), `assigning_office` (交办机关: 县委办/县政府办督查室) and
`supervising_office` (督办部门: reviews replies).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated

import jwt
from fastapi import Depends, Request

from shared.domain import DomainError

ISSUER = "cppcc-county"
ROLE_PREFIXES = ("township:", "member:", "handling_unit:")
PLAIN_ROLES = (
    "county_admin",
    "proposal_office",
    "info_office",
    "assigning_office",
    "supervising_office",
    "ops",
)


class AuthError(DomainError):
    """401: no or bad credentials."""

    def __init__(self, message: str) -> None:
        super().__init__(message, kind="unauthorized", code="unauthorized")


class Forbidden(DomainError):
    def __init__(self, message: str) -> None:
        super().__init__(message, kind="forbidden", code="forbidden")


def valid_role(role: str) -> bool:
    if role in PLAIN_ROLES:
        return True
    return any(role.startswith(p) and len(role) > len(p) for p in ROLE_PREFIXES)


@dataclass(frozen=True)
class Principal:
    subject: str
    roles: frozenset[str]

    @property
    def actor(self) -> str:
        return self.subject

    @property
    def is_admin(self) -> bool:
        return "county_admin" in self.roles

    def scoped(self, prefix: str) -> set[str]:
        return {r.split(":", 1)[1] for r in self.roles if r.startswith(prefix + ":")}

    @property
    def townships(self) -> set[str]:
        return self.scoped("township")

    @property
    def member_id(self) -> str | None:
        ids = self.scoped("member")
        return next(iter(ids)) if ids else None

    def has(self, *roles: str) -> bool:
        return any(r in self.roles for r in roles)

    def require(self, *roles: str) -> None:
        if not self.has(*roles):
            raise Forbidden("您的账号没有执行此操作的权限。")

    def may_see_township(self, township_id: str) -> bool:
        return self.is_admin or township_id in self.townships

    def require_township(self, township_id: str) -> None:
        if not self.may_see_township(township_id):
            raise Forbidden(f"您只能查看和办理本乡镇的事项，无权访问乡镇“{township_id}”。")


def mint(
    secret: str,
    subject: str,
    roles: Iterable[str],
    ttl: timedelta = timedelta(days=30),
    now: datetime | None = None,
) -> str:
    roles = list(roles)
    bad = [r for r in roles if not valid_role(r)]
    if bad:
        raise ValueError(
            f"unknown role(s): {', '.join(bad)}; use {', '.join(PLAIN_ROLES)}, "
            "township:<id>, member:<id>, handling_unit:<id>"
        )
    issued = now or datetime.now(UTC)
    claims = {
        "iss": ISSUER,
        "sub": subject,
        "roles": roles,
        "iat": int(issued.timestamp()),
        "exp": int((issued + ttl).timestamp()),
    }
    return jwt.encode(claims, secret, algorithm="HS256")


def verify(secret: str, token: str) -> Principal:
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=["HS256"],
            issuer=ISSUER,
            options={"require": ["exp", "sub", "iss"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise AuthError("登录凭证已过期，请重新获取。") from exc
    except jwt.PyJWTError as exc:
        raise AuthError("登录凭证无效，请检查 Authorization 请求头。") from exc
    roles = claims.get("roles") or []
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise AuthError("登录凭证中的角色格式不正确。")
    return Principal(subject=str(claims["sub"]), roles=frozenset(roles))


def current_principal(request: Request) -> Principal:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise AuthError("需要登录：请在请求头中提供 Authorization: Bearer <令牌>。")
    secret: str = request.app.state.auth_secret
    return verify(secret, token.strip())


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]
