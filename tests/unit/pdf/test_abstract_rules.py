"""Where an abstract ends, on small PDFs."""

import pytest

from chatpaper.pdf import parse_pdf
from tests.helpers.front_pdfs import BODY, abstract_then_note_pdf, chinese_journal_pdf, side_labels_pdf


def test_a_note_set_apart_by_blank_rows_is_not_part_of_the_abstract():
    p = parse_pdf(abstract_then_note_pdf(blank_rows=3))
    assert p.abstract.startswith(BODY.split(",")[0])
    assert p.abstract.endswith("We release the code.")


def test_a_row_after_one_blank_row_still_belongs_to_the_abstract():
    p = parse_pdf(abstract_then_note_pdf(blank_rows=1))
    assert p.abstract.endswith("Black text is new or revised.")


@pytest.mark.parametrize("side_keywords", [True, False])
def test_a_margin_abstract_label_and_an_undelimited_keywords_row(side_keywords):
    p = parse_pdf(side_labels_pdf(side_keywords))
    assert p.abstract.startswith("Mixture-of-experts")
    assert p.abstract.endswith("improves perplexity on standard benchmarks.")


def test_a_chinese_paper_takes_its_chinese_abstract_over_the_english_one_printed_first():
    p = parse_pdf(chinese_journal_pdf())
    assert p.abstract.startswith("随着新型网络业务")
    assert p.abstract.endswith("走进人们的视野。")
    assert "Mixture" not in p.abstract
