"""Front-matter conventions on small PDFs: fonts that report no size (dvips Type3), Chinese thesis covers."""

import pytest

from chatpaper.pdf import parse_pdf
from chatpaper.pdf.front import marked_pieces, split_names
from tests.helpers.front_pdfs import (
    BODY,
    affiliations_at_end_pdf,
    author_grid_rows_pdf,
    chinese_thesis_pdf,
    footnote_affiliation_wrapped_pdf,
    ieee_two_notes_pdf,
    marked_affiliation_rows_pdf,
    subtitle_pdf,
    type3_article_pdf,
    wrapped_author_list_pdf,
)


def test_type3_article_keeps_its_two_line_title_and_whole_abstract():
    p = parse_pdf(type3_article_pdf())
    assert p.title == "The Ranking of Linked Pages: Bringing Order to Citations"
    assert p.abstract.startswith(BODY.split(".")[0])
    assert p.abstract.endswith("We compare the ranking to a random surfer.")
    assert "Large language models" not in p.abstract


def test_chinese_thesis_takes_its_university_from_the_running_header_and_declaration():
    p = parse_pdf(chinese_thesis_pdf("华东师范大学"))
    assert p.title == "面向云原生的大数据架构研究"
    assert p.authors == ["张三"]
    assert p.first_author_affiliation == "华东师范大学"


def test_the_first_is_with_note_is_the_first_authors_even_without_an_institution_word():
    p = parse_pdf(ieee_two_notes_pdf())
    assert p.authors == ["Alice Zhang", "Bob Smith"]
    assert p.first_author_affiliation == "Creare Inc"


@pytest.mark.parametrize("line_numbers", [False, True])
def test_an_author_list_wrapped_inside_a_name_keeps_the_name_whole(line_numbers):
    p = parse_pdf(wrapped_author_list_pdf(line_numbers))
    assert p.authors == ["Alice Zhang", "Bob Smith", "Carol Lee", "Dan Wu"]
    assert p.first_author_affiliation.startswith("Tsinghua University")


def test_rows_of_name_cells_are_not_joined_across_rows():
    p = parse_pdf(author_grid_rows_pdf())
    assert p.authors == ["Alice Zhang", "Bob Smith", "Carol Lee", "Dan Wu", "Eve Li"]


def test_a_row_of_marked_affiliations_gives_the_first_unmarked_piece_to_the_unmarked_first_author():
    p = parse_pdf(marked_affiliation_rows_pdf())
    assert p.authors == ["Alice Zhang", "Bob Smith", "Carol Lee"]
    assert p.first_author_affiliation == "Meta AI"
    assert "INRIA" in p.affiliations and "UC Berkeley" in p.affiliations


def test_a_footnote_affiliation_wrapped_across_rows_keeps_the_whole_name():
    p = parse_pdf(footnote_affiliation_wrapped_pdf())
    assert p.first_author_affiliation == "South China University of Technology"


def test_every_author_marker_symbol_starts_an_affiliation_piece():
    row = "†Massachusetts Institute of Technology, □Allen Institute for AI, ⋄Northwestern University"
    assert marked_pieces(row) == {
        "†": "Massachusetts Institute of Technology",
        "□": "Allen Institute for AI",
        "⋄": "Northwestern University",
    }


def test_numbered_affiliations_printed_after_the_article_are_found_by_the_first_authors_marker():
    p = parse_pdf(affiliations_at_end_pdf())
    assert p.authors == ["Alice Zhang", "Bob Smith"]
    assert p.first_author_affiliation.startswith("University of Cambridge")


def test_a_title_ending_in_a_colon_takes_the_smaller_subtitle_under_it_but_not_the_author():
    p = parse_pdf(subtitle_pdf())
    assert p.title == "Balanced Routing: A Study of Sparse Experts at Scale"
    assert p.authors == ["Alice Zhang"]
    assert p.first_author_affiliation == "Tsinghua University"


@pytest.mark.parametrize(
    "row, names",
    [
        ("Alice Zhang • Bob Smith", ["Alice Zhang", "Bob Smith"]),
        ("Alice Zhang1 · Bob Smith2 · Carol Lee1", ["Alice Zhang", "Bob Smith", "Carol Lee"]),
        ("by Alice Zhang and Bob Smith", ["Alice Zhang", "Bob Smith"]),
        ("Robert E. Lucas, Jr., and Bob Smith", ["Robert E. Lucas Jr", "Bob Smith"]),
    ],
)
def test_author_rows_with_bullets_a_leading_by_and_generational_suffixes(row, names):
    assert split_names(row) == names
