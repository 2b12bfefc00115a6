"""/api/v1/docs is served from our own static files, and its document parses strictly."""

from __future__ import annotations

import json
import re

from django.test import Client


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    keys = [k for k, _ in pairs]
    dupes = {k for k in keys if keys.count(k) > 1}
    assert not dupes, f"duplicate keys {dupes}"
    return dict(pairs)


def test_openapi_document_has_no_duplicate_keys(client: Client) -> None:
    body = client.get("/api/v1/openapi.json").content
    doc = json.loads(body, object_pairs_hook=_no_duplicate_keys)
    responses = doc["paths"]["/api/v1/reports"]["post"]["responses"]
    assert all(isinstance(code, str) for code in responses)
    assert "422" in responses


def test_docs_page_uses_only_local_assets(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert not re.search(r"""(src|href)=["']https?://""", html), html
    assert '"validatorUrl": null' in html  # Swagger UI would otherwise call a public validator
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
