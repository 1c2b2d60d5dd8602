"""Where an abstract ends, on small PDFs."""

from chatpaper.pdf import parse_pdf
from tests.helpers.front_pdfs import BODY, abstract_then_note_pdf


def test_a_note_set_apart_by_blank_rows_is_not_part_of_the_abstract():
    p = parse_pdf(abstract_then_note_pdf(blank_rows=3))
    assert p.abstract.startswith(BODY.split(",")[0])
    assert p.abstract.endswith("We release the code.")


def test_a_row_after_one_blank_row_still_belongs_to_the_abstract():
    p = parse_pdf(abstract_then_note_pdf(blank_rows=1))
    assert p.abstract.endswith("Black text is new or revised.")
