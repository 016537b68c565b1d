import pytest

from gospablik.style.networks import limits
from gospablik.style.rules.network import NetworkLength, TooManyHashtags, TooManyLinks

from .helpers import passages


@pytest.mark.parametrize(
    "network, limit",
    [("vk", 16384), ("telegram", 4096), ("telegram_caption", 1024), ("instagram", 2200)],
)
def test_it_knows_network_limits(network, limit):
    assert limits(network).max_chars == limit


def test_it_rejects_unknown_networks():
    with pytest.raises(ValueError, match="Неизвестная соцсеть"):
        limits("myspace")


def test_it_flags_the_part_that_does_not_fit():
    text = "а" * 4090 + "лишний хвост"
    assert passages(NetworkLength(), text, network="telegram") == [" хвост"]


def test_it_has_no_length_limit_without_a_network():
    assert passages(NetworkLength(), "а" * 70000) == []


def test_it_enforces_the_instagram_hashtag_limit():
    text = " ".join(f"#тег{n}" for n in range(32))
    flagged = passages(TooManyHashtags(), text, network="instagram")
    assert flagged[0] == "#тег10" and flagged[-2:] == ["#тег30", "#тег31"]


def test_it_allows_one_link_in_vk():
    assert passages(TooManyLinks(), "https://a.ru и https://b.ru", network="vk") == ["https://b.ru"]
