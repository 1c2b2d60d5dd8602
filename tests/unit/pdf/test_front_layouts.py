"""Front-matter conventions of layouts nobody tuned for: repository banners, titles in capitals at body size,
title blocks stored after the body, abstract labels glued to their text or in other languages."""

from chatpaper.pdf import parse_pdf
from chatpaper.pdf.front import split_names
from tests.helpers.front_pdfs import (
    BODY,
    abstract_word_in_body_pdf,
    authors_above_title_pdf,
    capitals_title_pdf,
    foreign_label_pdf,
    glued_label_pdf,
    repository_banner_pdf,
    section_band_pdf,
    shared_institution_pdf,
    surname_note_pdf,
    title_block_last_pdf,
)


def test_a_repository_banner_above_the_title_is_page_furniture():
    p = parse_pdf(repository_banner_pdf())
    assert p.title == "Balanced routing for sparse mixture-of-experts language models"
    assert p.authors == ["Alice Zhang", "Bob Smith"]
    assert p.first_author_affiliation.startswith("Yale University")
    assert p.abstract.startswith("Mixture-of-experts models route tokens")
    assert not any("Public Access" in s.title or "manuscript" in s.text for s in p.sections)


def test_a_title_in_capitals_at_body_size_is_a_title_and_the_capital_names_are_authors():
    p = parse_pdf(capitals_title_pdf())
    assert p.title == "ROUTING TOKENS ON HEXAGONS"
    assert p.authors == ["DYLAN P. SMITH"]
    assert p.abstract.startswith("Mixture-of-experts models route tokens")


def test_a_title_block_stored_after_the_body_is_read_first_and_the_abstract_found():
    p = parse_pdf(title_block_last_pdf())
    assert p.title == "Imaging Token Routes With Line Integrals"
    assert p.authors == ["Brian Cabral"]
    assert p.first_author_affiliation == "Lawrence Livermore National Laboratory"
    assert p.abstract == " ".join(BODY.split())


def test_an_abstract_label_glued_to_its_first_row_and_keywords_in_another_face():
    p = parse_pdf(glued_label_pdf())
    assert p.abstract == " ".join(BODY.split())
    assert not p.abstract.startswith("Abstract")
    assert "žodžiai" not in p.abstract


def test_an_abstract_label_in_another_language():
    p = parse_pdf(foreign_label_pdf())
    assert p.abstract == " ".join(BODY.split())


def test_a_band_in_capitals_above_the_title_is_not_the_title():
    p = parse_pdf(section_band_pdf())
    assert p.title == "Balanced routing of tokens for sparse mixture-of-experts language models"
    assert p.authors == ["Tomas Zhang", "Pijus Smith"]


def test_authors_printed_above_the_title():
    p = parse_pdf(authors_above_title_pdf())
    assert p.title == "How Much Are Tokens Driven by Routing?"
    assert p.authors == ["BRETT A. SMITH", "KAREN M. ZHANG"]
    assert p.first_author_affiliation == "UCLA Department of Economics"
    assert p.abstract == " ".join(BODY.split())


def test_marked_units_over_one_unmarked_institution_row_belong_to_it():
    p = parse_pdf(shared_institution_pdf())
    assert p.authors == ["Sam Zhang", "Xiao-Yong Smith"]
    assert p.first_author_affiliation == "Argonne National Laboratory"


def test_a_footnote_naming_the_first_author_by_surname_gives_the_affiliation():
    p = parse_pdf(surname_note_pdf())
    assert p.authors[0] == "Evan K. Rose"
    assert p.first_author_affiliation == "University of Chicago and NBER"


def test_the_word_abstract_starting_a_body_paragraph_is_not_a_label():
    p = parse_pdf(abstract_word_in_body_pdf())
    assert p.abstract.startswith("This paper uses administrative data")


def test_a_nickname_inside_a_name_stays_part_of_it():
    assert split_names("Leith (Casey) Leedom*") == ["Leith (Casey) Leedom"]
    assert split_names('Robert "Bob" Smith, Alice Zhang') == ['Robert "Bob" Smith', "Alice Zhang"]
