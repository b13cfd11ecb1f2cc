"""check --links: each requirement's page as the last `itapack links` found it, from the cache only.

Nothing is fetched here: a check stays fast and offline; `itapack links` is what asks the sites.
"""

from __future__ import annotations

from dataclasses import replace

from ..evidence.result import CheckResult, LinkStatus
from ..pack.folder import Pack
from .cache import Cache
from .judge import judge, target_for


def link_statuses(pack: Pack, result: CheckResult, cache: Cache) -> dict[tuple[str, str | None], LinkStatus]:
    """(document, unit) -> the link status of the page it is published at, for every requirement with one."""
    found: dict[tuple[str, str | None], LinkStatus] = {}
    facts: dict[str, tuple[str, frozenset[int]]] = {}
    for doc in result.documents:
        for requirement in doc.requirements:
            url = requirement.url or doc.url
            if not url:
                continue
            unit = pack.unit_by_id.get(requirement.unit or "")
            body = unit.name if unit is not None else pack.organisation.name
            fetched = cache.get(url)
            judged = judge(target_for(pack, doc.id, requirement.unit, url, body, facts), fetched, from_cache=True)
            found[(doc.id, requirement.unit)] = LinkStatus(
                url, judged.verdict, judged.codes, judged.message, fetched.checked_at if fetched else None
            )
    return found


def with_links(pack: Pack, result: CheckResult) -> CheckResult:
    with Cache(readonly=True) as cache:
        return replace(result, links=link_statuses(pack, result, cache))
