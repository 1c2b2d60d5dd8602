"""Front matter, abstracts and headings on small PDFs with the layouts of real papers (no corpus needed)."""

import pytest

from chatpaper.pdf import parse_pdf
from chatpaper.pdf.abstract import drop_footnote_marks
from chatpaper.pdf.front import institution_of, marked_pieces, split_names
from tests.helpers.front_pdfs import (
    acm_journal_pdf,
    amsart_pdf,
    author_columns_pdf,
    drop_cap_pdf,
    ieee_footnote_pdf,
    ieee_pdf,
    name_email_rows_pdf,
    summary_label_pdf,
    superscript_grid_pdf,
    unlabelled_abstract_pdf,
    working_paper_pdf,
    wrapped_heading_pdf,
)


def test_superscript_markers_map_the_first_author_to_its_numbered_affiliation():
    p = parse_pdf(superscript_grid_pdf())
    assert p.title == "Balanced Routing for Sparse Experts"
    assert p.authors == ["Alice Zhang", "Bob Müller", "Carol Smith"]
    assert p.first_author_affiliation.startswith("Tsinghua University")
    assert "China" not in p.first_author_affiliation and "School" not in p.first_author_affiliation
    assert p.abstract.startswith("Mixture-of-experts models route tokens")


def test_author_columns_give_the_institution_under_the_first_name():
    p = parse_pdf(author_columns_pdf())
    assert p.authors[:2] == ["Alice Zhang", "Bob Smith"]
    assert p.first_author_affiliation == "Hochschule Fulda"


def test_ieee_grades_are_not_authors_and_run_in_abstract_stops_before_index_terms():
    p = parse_pdf(ieee_pdf())
    assert p.authors == ["Alice Zhang", "Bob Smith"]
    assert p.first_author_affiliation == "University of Nebraska-Lincoln"
    assert p.abstract.startswith("Mixture-of-experts models route tokens")
    assert p.abstract.endswith("It runs in real time.")  # the footnote marker "1" is dropped
    assert "Index Terms" not in p.abstract and "stereo matching" not in p.abstract


def test_names_on_rows_with_their_email_are_kept():
    p = parse_pdf(name_email_rows_pdf())
    assert p.authors == ["Laurens van der Maaten", "Geoffrey Hinton"]
    assert p.first_author_affiliation == "Tilburg University"


def test_ieee_footnote_is_with_gives_the_affiliation():
    p = parse_pdf(ieee_footnote_pdf())
    assert p.authors == ["Alice Zhang", "Bob Smith"]
    assert p.first_author_affiliation.startswith("Tsinghua University")


def test_drop_cap_is_joined_to_its_word_in_an_unlabelled_abstract():
    p = parse_pdf(drop_cap_pdf())
    assert p.authors == ["Alice Zhang", "Bob Smith"]
    assert p.abstract.startswith("For many years mixture-of-experts routers")
    assert p.abstract.endswith("keeps every expert busy.")


def test_unlabelled_abstract_after_a_name_and_institution_row():
    p = parse_pdf(unlabelled_abstract_pdf())
    assert p.authors == ["Evan K. Rose"]
    assert p.first_author_affiliation.startswith("University of California")
    assert p.abstract.startswith("This paper uses administrative data")
    assert p.abstract.endswith("improves perplexity on standard benchmarks.")
    assert [s.title for s in p.sections] == ["I. Introduction"]


def test_a_heading_that_wraps_onto_a_second_row_is_kept_whole():
    p = parse_pdf(wrapped_heading_pdf())
    titles = [s.title for s in p.sections if s.level == 1]
    assert "2 Preliminaries: Routing for Table Encoding" in titles
    body = next(s for s in p.sections if s.title.startswith("2 "))
    assert not body.text.startswith("Encoding")


@pytest.mark.parametrize(
    "text, want",
    [
        ("Department of Computer Science, Hochschule Fulda, Fulda 36037, Germany", "Hochschule Fulda"),
        (
            "Departamento de Física, Centro de Investigación y de Estudios Avanzados del IPN, A.P. 14-740",
            "Centro de Investigación y de Estudios Avanzados del IPN",
        ),
        (
            "School of Software Engineering, South China University of Technology, China",
            "South China University of Technology",
        ),
        ("Google, Inc.", "Google, Inc"),
        ("China", None),
        ("UC Berkeley", "UC Berkeley"),
        ("（北京交通大学电子信息工程学院 北京 100044）", "北京交通大学"),
        ("中国科学院大学计算机科学与技术学院，北京", "中国科学院大学"),
        ("Warsaw University of Technology1", "Warsaw University of Technology"),
        ("Warsaw University of Technology1, Simon Fraser University4", "Warsaw University of Technology"),
        ("Dept. of Computer Science, Univ. of Tokyo, Japan", "Univ. of Tokyo"),
        ("Inria, Univ. Grenoble Alpes, CNRS, Grenoble INP, LJK, 38000 Grenoble, France", "Univ. Grenoble Alpes"),
        ("Department of Informatics, ETH Zurich, Switzerland", "ETH Zurich"),
        ("Faculty of Mathematics, Uniwersytet Warszawski, Poland", "Uniwersytet Warszawski"),
    ],
)
def test_institution_of_keeps_the_main_institution(text, want):
    assert institution_of(text) == want


def test_marked_pieces_split_footnote_affiliations():
    text = "*Equal contribution 1School of X, Zhejiang University, China 2Pazhou Laboratory, China"
    assert marked_pieces(text) == {
        "*": "Equal contribution",
        "1": "School of X, Zhejiang University, China",
        "2": "Pazhou Laboratory, China",
    }
    assert marked_pieces("a Max Planck Institute, Germany\tb Carnegie Mellon University")["a"].startswith("Max")


@pytest.mark.parametrize(
    "row, names",
    [
        ("Jinwu Hu 1 2 * Zitian Zhang 1 * Guohao Chen 1 2 *", ["Jinwu Hu", "Zitian Zhang", "Guohao Chen"]),
        ("Michael E. Rose a,∗, John R. Kitchin b", ["Michael E. Rose", "John R. Kitchin"]),
        ("Michiel van BovenID1,2*, Christiaan H. van DorpID3", ["Michiel van Boven", "Christiaan H. van Dorp"]),
        ("Alice Zhang, Senior Member, IEEE, and Bob Smith, Fellow, IEEE", ["Alice Zhang", "Bob Smith"]),
        ("Scopus", []),
    ],
)
def test_split_names(row, names):
    assert split_names(row) == names


def test_footnote_marks_after_punctuation_are_dropped():
    assert (
        drop_footnote_marks("We introduce S2ORC,1 a corpus. It is not affected.1")
        == "We introduce S2ORC, a corpus. It is not affected."
    )


def test_amsart_capital_names_and_closing_address():
    p = parse_pdf(amsart_pdf())
    assert p.authors == ["JOHN SMITH", "JANE DOE"]
    assert p.abstract.startswith("Mixture-of-experts models")
    assert p.first_author_affiliation.startswith("University of Utah")


def test_summary_is_an_abstract_label_on_the_title_page():
    p = parse_pdf(summary_label_pdf())
    assert p.abstract.startswith("Mixture-of-experts models")
    assert p.first_author_affiliation == "Utrecht University"


def test_acm_journal_unlabelled_abstract_stops_at_ccs_concepts():
    p = parse_pdf(acm_journal_pdf())
    assert p.authors[:2] == ["ALICE ZHANG", "BOB SMITH"]
    assert p.first_author_affiliation == "Stanford University"
    assert p.abstract.startswith("Mixture-of-experts models") and p.abstract.endswith("standard benchmarks.")


def test_working_paper_footnote_affiliation_and_jel_row():
    p = parse_pdf(working_paper_pdf())
    assert p.authors == ["Alice Zhang"]
    assert p.first_author_affiliation == "Stanford University"
    assert p.abstract.endswith("standard benchmarks.")


def test_runaway_abstract_is_cut_at_its_first_paragraph():
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((72, 90), "Routers Without Headings", fontsize=17, fontname="hebo")
    page.insert_text((72, 115), "Alice Zhang and Bob Smith", fontsize=11, fontname="helv")
    page.insert_text((72, 140), "Abstract", fontsize=11, fontname="hebo")
    rect = pymupdf.Rect(72, 146, 540, 200)
    page.insert_textbox(
        rect, "We study routers. They balance tokens across experts without dropping any.", fontsize=10, fontname="helv"
    )
    y = 190
    for _ in range(3):  # body text with no heading at all
        page = doc.new_page(width=612, height=792) if y > 600 else page
        y = 72 if y > 600 else y
        page.insert_textbox(
            pymupdf.Rect(72, y, 540, 760), "Routers balance load across experts. " * 60, fontsize=10, fontname="helv"
        )
        y = 800
    p = parse_pdf(doc.tobytes())
    assert p.abstract == "We study routers. They balance tokens across experts without dropping any."
