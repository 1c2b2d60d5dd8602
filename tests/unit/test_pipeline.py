"""Choices made where the digest is assembled: the arXiv link of a local PDF and the first-author affiliation."""

from __future__ import annotations

from chatpaper.paper import Paper
from chatpaper.pipeline import with_arxiv_link, with_parsed_affiliation
from chatpaper.stages.schemas import MethodsStage, SummaryStage

SUMMARY = SummaryStage(
    title_zh="标题",
    keywords=["a"],
    first_author_affiliation="模型猜的单位",
    background="b",
    prior_work="p",
    method="m",
    results="r",
    one_line_summary="o",
    key_takeaways=["t"],
)


def test_a_local_pdf_with_an_arxiv_stamp_links_its_arxiv_page():
    paper = with_arxiv_link(Paper(title="T", arxiv_id="2308.11596", arxiv_version=2))
    assert paper.abs_url == "https://arxiv.org/abs/2308.11596v2"
    assert paper.pdf_url == "https://arxiv.org/pdf/2308.11596v2"
    assert with_arxiv_link(Paper(title="T")).abs_url is None  # no id: stays a local PDF
    kept = Paper(title="T", arxiv_id="2308.11596", abs_url="https://arxiv.org/abs/2308.11596")
    assert with_arxiv_link(kept) is kept


def test_the_parsers_affiliation_wins_over_the_models():
    parsed = Paper(first_author_affiliation="Meta AI")
    assert with_parsed_affiliation(SUMMARY, parsed).first_author_affiliation == "Meta AI"
    assert with_parsed_affiliation(SUMMARY, Paper()).first_author_affiliation == "模型猜的单位"
    steps = MethodsStage(steps=[])
    assert with_parsed_affiliation(steps, parsed) is steps
