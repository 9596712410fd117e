"""Script detection for the language checks: Han, kana, Hangul and Latin letters, and runs of them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from barrierfree.audit.checks.chinese.scripts import (
    count_scripts,
    han_runs,
    has_function_word,
    latin_runs,
    reads_as_chinese_sentence,
)


def test_counts_each_script() -> None:
    counts = count_scripts("中文 English かな 한글 𠀀")
    assert (counts.han, counts.latin, counts.kana, counts.hangul) == (3, 7, 2, 2)


def test_mostly_chinese_needs_enough_han_and_no_japanese() -> None:
    chinese = count_scripts("这是一个中文页面，里面有很多中文字符，足够判断语言了。Home")
    japanese = count_scripts("これは日本語の文章です。漢字も平仮名も片仮名もあります。")
    assert chinese.mostly_chinese(share=0.5, minimum_han=20, max_kana_share=0.05)
    assert not japanese.mostly_chinese(share=0.5, minimum_han=5, max_kana_share=0.05)
    assert not count_scripts("中文").mostly_chinese(share=0.5, minimum_han=20, max_kana_share=0.05)


def test_han_runs_join_punctuation_and_need_a_minimum() -> None:
    text = "The name is 中国残疾人联合会，无障碍项目 and 中文名."
    assert han_runs(text, 8) == ["中国残疾人联合会，无障碍项目"]
    assert han_runs(text, 20) == []


def test_latin_runs_join_sentences_and_stop_at_chinese_or_urls() -> None:
    runs = latin_runs("请阅读 Terms of Service. Then continue 然后 OK，见 www.example.com 网站", 2)
    assert runs == [["Terms", "of", "Service", "Then", "continue"]]
    assert has_function_word(runs[0]) and not has_function_word(["Visual", "Studio", "Code"])


def test_chinese_sentences_are_told_from_names() -> None:
    assert reads_as_chinese_sentence("我们的网站支持长辈模式")
    assert reads_as_chinese_sentence("欢迎访问，祝您愉快")
    assert not reads_as_chinese_sentence("杭州市残疾人联合会")
    assert not reads_as_chinese_sentence("中华人民共和国工业和信息化部")


@given(st.text(max_size=200))
def test_run_finders_return_substrings(text: str) -> None:
    for run in han_runs(text, 1):
        assert run in text
    for words in latin_runs(text, 1):
        assert all(word in text for word in words)
