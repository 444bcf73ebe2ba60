"""Two builds of one commit with SOURCE_DATE_EPOCH set give byte-identical folders."""

from __future__ import annotations

from conftest import PUBLIC_URL, build_or_fail, snapshot

EPOCH = "1548000000"  # any fixed moment will do


def test_two_builds_are_byte_identical(tmp_path):
    first = build_or_fail(tmp_path / "first" / "site", SOURCE_DATE_EPOCH=EPOCH, SITE_URL=PUBLIC_URL)
    second = build_or_fail(tmp_path / "second" / "out", SOURCE_DATE_EPOCH=EPOCH, SITE_URL=PUBLIC_URL)
    one, two = snapshot(first), snapshot(second)
    assert sorted(one) == sorted(two)
    differing = [name for name in one if one[name] != two[name]]
    assert not differing, differing
