"""What each stage sends for the 111-page SeamlessM4T report (issue #13 item 3); skips without ../shared."""

from __future__ import annotations

import re

import pytest

from chatpaper.paper import Paper
from chatpaper.pdf.reader import PdfReader
from chatpaper.stages.budget import CUT_MARK, MAX_SECTION_SHARE
from chatpaper.stages.context import build_material, stage_prompt
from chatpaper.stages.spec import STAGES, stage
from chatpaper.text import estimate_tokens
from tests.helpers.constants import CORPUS

pytestmark = pytest.mark.corpus

REPORT = CORPUS / "papers" / "lg02_seamlessm4t_2308.11596.pdf"
BUDGET = 32000


@pytest.fixture(scope="module")
def report() -> Paper:
    if not REPORT.exists():
        pytest.skip("../shared/corpus is not present")
    with PdfReader(REPORT, 200, 200 * 1024 * 1024) as reader:
        return reader.paper()


def _main_body_chapters(paper: Paper) -> list[str]:
    """Numbers of the top-level sections before the back matter ("1", "2", ...)."""
    out = []
    for sec in paper.sections:
        if sec.role in ("appendix", "references"):
            break
        m = re.match(r"^(\d+)\.?\s", sec.title)
        if m and m[1] not in out:
            out.append(m[1])
    return out


def test_no_table_of_contents_is_sent(report):
    for spec in STAGES:
        prompt = stage_prompt(spec, build_material(report, spec, BUDGET, {}), "zh")
        assert not re.search(r"(\.\s?){4,}", prompt), spec.name
        assert "## Contents" not in prompt


def test_every_chapter_of_the_main_body_is_in_the_summary(report):
    chapters = _main_body_chapters(report)
    assert len(chapters) == 7, chapters
    sent = build_material(report, stage("summary"), BUDGET, {}).sections
    numbers = {re.match(r"^(\d+)", s.title)[1] for s in sent if re.match(r"^\d+", s.title)}
    assert set(chapters) <= numbers, set(chapters) - numbers


def test_no_section_takes_more_than_its_share_and_cuts_are_marked(report):
    for spec in STAGES:
        material = build_material(report, spec, BUDGET, {})
        assert material.paper_tokens <= BUDGET
        for sec in material.sections:
            assert estimate_tokens(sec.text) <= BUDGET * MAX_SECTION_SHARE, (spec.name, sec.title)
        clipped = [s for s in material.sections if s.text.endswith(CUT_MARK)]
        assert {s.title for s in clipped} == set(material.clipped)
        for sec in clipped:  # cut at a sentence end, before the mark (at a word when none is near: a name list)
            body = sec.text[: -len(CUT_MARK)]
            at_sentence = re.search(r"[.!?。！？][\"'”’)\]]?\s$", body)
            assert at_sentence or not re.search(r"[.!?。！？]\s", body[len(body) // 2 :]), sec.text[-80:]


def test_the_prompt_names_what_was_left_out(report):
    material = build_material(report, stage("summary"), BUDGET, {})
    assert material.omitted or material.clipped
    prompt = stage_prompt(stage("summary"), material, "zh")
    note = prompt.split("<omitted_sections>")[1]
    for title in material.omitted + material.clipped:
        assert title in note


def test_evaluation_chapters_go_to_experiments_not_methods(report):
    material = build_material(report, stage("methods"), BUDGET, {})
    by_title = {s.title: s for s in material.sections}
    toxicity = by_title.get("6.2 Toxicity")
    assert toxicity is None or toxicity.role == "experiments"
    responsible = sum(estimate_tokens(s.text) for s in material.sections if s.title.startswith("6"))
    assert responsible < 0.15 * BUDGET  # it took 29% of the methods stage before


def test_first_author_affiliation_is_in_the_metadata(report):
    assert report.first_author_affiliation
    prompt = stage_prompt(stage("summary"), build_material(report, stage("summary"), BUDGET, {}), "zh")
    meta = prompt.split("<paper_metadata>")[1].split("</paper_metadata>")[0]
    assert f"First author's affiliation (from the PDF's author block): {report.first_author_affiliation}" in meta
