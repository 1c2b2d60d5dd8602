"""How a stage spends its budget on a synthetic paper: coverage, caps, marks, roles."""

from __future__ import annotations

from chatpaper.paper import Paper, Section
from chatpaper.stages.budget import CUT_MARK, MAX_SECTION_SHARE, clip_at_sentence, is_front_list, select, stage_role
from chatpaper.text import estimate_tokens

SENTENCE = "The model uses 0.1 dropout and reaches 91.2 points. "


def _sec(title: str, role: str, sentences: int, level: int = 1) -> Section:
    return Section(title=title, page=1, level=level, role=role, text=SENTENCE * sentences)


def _paper() -> Paper:
    return Paper(
        abstract="An abstract.",
        sections=[
            Section(title="Contents", page=1, text="1 Introduction . . . . . . . . 4\n2 Data . . . . . . . . 7"),
            _sec("1. Introduction", "intro", 40),
            _sec("2. Data", "other", 0),
            _sec("2.1 Mining", "other", 200, 2),
            _sec("3. Model", "method", 200),
            _sec("4. Human Evaluation", "experiments", 600),
            _sec("5. Conclusion", "conclusion", 20),
            _sec("References", "references", 100),
            _sec("A. Appendix", "appendix", 50),
        ],
    )


def test_every_chapter_gets_a_share_and_none_exceeds_the_cap():
    budget = 4000
    chosen = select(_paper(), ("intro", "conclusion", "method", "experiments", "other"), budget)
    titles = [s.title for s in chosen.sections]
    assert titles == ["1. Introduction", "2.1 Mining", "3. Model", "4. Human Evaluation", "5. Conclusion"]
    assert all(estimate_tokens(s.text) <= budget * MAX_SECTION_SHARE for s in chosen.sections)
    assert sum(estimate_tokens(s.text) for s in chosen.sections) <= budget
    for sec in chosen.sections:
        if sec.title in chosen.clipped:
            assert sec.text.endswith("points. " + CUT_MARK)


def test_table_of_contents_is_never_sent():
    assert is_front_list(_paper().sections[0])
    assert is_front_list(Section(title="Overview", page=1, text=". . . . . . . 3 " * 20))
    assert not is_front_list(_paper().sections[1])
    assert is_front_list(Section(title="6. Acknowledgements", page=8, text="We thank the reviewers."))


def test_evaluation_headings_are_experiments():
    for title in ("6.2 Toxicity", "6.3 Bias", "Ablations", "Benchmark results", "Human Evaluation"):
        assert stage_role(Section(title=title, page=1, role="other")) == "experiments"
    assert stage_role(Section(title="3. Method", page=1, role="method")) == "method"


def test_clip_at_sentence_never_splits_a_decimal():
    clipped = clip_at_sentence(SENTENCE * 10, 30)
    assert clipped.endswith("points.") and estimate_tokens(clipped) <= 30


def test_a_short_paper_is_sent_whole():
    paper = Paper(abstract="A.", sections=[_sec("1. Intro", "intro", 3), _sec("2. Method", "method", 3)])
    chosen = select(paper, ("intro", "method"), 32000)
    assert [s.text for s in chosen.sections] == [s.text for s in paper.sections]
    assert not chosen.omitted and not chosen.clipped
