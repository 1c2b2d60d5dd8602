from chatpaper.ask.citations import Citation, citation_of, label, marked_ids, render_marks, section_mark
from chatpaper.ask.passages import Passage


def _cite(**fields) -> Citation:
    return Citation(**{"id": "P1", "section": "", "page": 4, "quote": "q", **fields})


def test_citations_read_as_page_and_section_or_figure():
    assert label(_cite(section="3.2 Router Training")) == "(p. 4, §3.2)"
    assert label(_cite(section="4. Experiments")) == "(p. 4, §4)"
    assert label(_cite(section="Introduction")) == "(p. 4, §Introduction)"
    assert label(_cite()) == "(p. 4)"
    assert label(_cite(figure="Figure 3", section="3 Experiments")) == "(Figure 3)"
    assert label(_cite(figure="Table 2")) == "(Table 2, p. 4)"
    assert section_mark("2.1. Router") == "§2.1"


def test_inline_marks_become_labels_and_unknown_ids_are_dropped():
    known = {"P7": _cite(id="P7", section="2 Method", page=3), "P9": _cite(id="P9", figure="Figure 3")}
    text = "The weight is 0.01 [P7]. It is plotted [P9]. Invented [P99]."
    assert marked_ids(text) == ["P7", "P9", "P99"]
    assert render_marks(text, known) == "The weight is 0.01 (p. 3, §2). It is plotted (Figure 3). Invented."


def test_a_long_passage_is_quoted_cut():
    passage = Passage(id="P1", page=1, text="word " * 500)
    quote = citation_of(passage).quote
    assert len(quote) <= 600 and quote.endswith("…")


def test_grouped_marks_are_each_rendered():
    known = {"P7": _cite(id="P7", section="2 Method", page=3), "P9": _cite(id="P9", figure="Figure 3")}
    text = "Both hold [P7, P9]. 同样【P7，P99】。"
    assert marked_ids(text) == ["P7", "P9", "P99"]
    assert render_marks(text, known) == "Both hold (p. 3, §2) (Figure 3). 同样 (p. 3, §2)。"


def test_question_limits_are_settings_with_bounds():
    import pytest

    from chatpaper import ConfigError, Settings

    assert Settings.load().ask_question_chars == 2000 and Settings.load().ask_history_tokens == 2000
    with pytest.raises(ConfigError, match="CHATPAPER_ASK_QUESTION_CHARS"):
        Settings.load(ask_question_chars=0)
