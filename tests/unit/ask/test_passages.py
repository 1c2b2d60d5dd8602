from chatpaper.ask.passages import build_passages, references_in
from chatpaper.paper import Paper, Section
from tests.helpers.ask_pdfs import FIGURE_PAGE, TABLE_CAPTION, TABLE_PAGE


def test_sections_become_passages_with_their_title_and_page(passages):
    text = [p for p in passages if p.kind == "text"]
    assert text[0].section == "Abstract" and text[0].page == 1
    data = next(p for p in text if "300 billion tokens" in p.text)
    assert (data.section, data.page) == ("3.1 Training Data", 2)
    assert data.mentions == ["Table 2", "Figure 3"]
    assert not any(p.section == "References" for p in passages)  # the reference list answers no question
    assert sum(p.section == "Abstract" for p in passages) == 1  # not twice: as the abstract and as a section
    assert [p.id for p in passages] == [f"P{i}" for i in range(1, len(passages) + 1)]


def test_figure_captions_and_tables_are_passages_with_their_page(passages):
    figure = next(p for p in passages if p.kind == "figure")
    assert (figure.label, figure.page) == ("Figure 3", FIGURE_PAGE)
    assert figure.text == "Figure 3: Training curves of both models."
    assert figure.image and figure.image.endswith(".png")
    table = next(p for p in passages if p.kind == "table")
    assert (table.label, table.page) == ("Table 2", TABLE_PAGE)
    assert table.text.startswith(TABLE_CAPTION) and "SparseRouter 64 12.3" in table.text


def test_long_sections_are_cut_into_passages_at_sentence_ends():
    sentence = "The router keeps the two best experts for every token in the batch. "
    paper = Paper(sections=[Section(title="2 Method", page=1, text=sentence * 40)])
    made = build_passages(paper, ["2 Method\n" + sentence * 40], [], [])
    assert len(made) > 3
    assert all(p.text.endswith("batch.") for p in made)
    assert " ".join(p.text for p in made) == (sentence * 40).strip()


def test_a_passage_that_starts_on_a_later_page_says_so():
    page_one = " ".join(f"Sentence {i} on the first page is about the router." for i in range(12))
    page_two = " ".join(f"Sentence {i} on the second page is about the gate." for i in range(12))
    paper = Paper(sections=[Section(title="Intro", page=1, text=f"{page_one} {page_two}")])
    made = build_passages(paper, ["Intro\n" + page_one, page_two.replace("gate", "ga-\nte")], [], [])
    assert [p.page for p in made] == [1, 2]
    assert made[1].text.startswith("Sentence 0 on the second page")


def test_figure_and_table_references_in_any_spelling():
    assert references_in("as shown in Fig. 3 and Table II") == ["Figure 3", "Table II"]
    assert references_in("Figs. 3 and 4, 5") == ["Figure 3", "Figure 4", "Figure 5"]
    assert references_in("图3展示了什么？表 2 呢") == ["Figure 3", "Table 2"]
    assert references_in("figure 3 again; FIGURE 3") == ["Figure 3"]
    assert references_in("a configuration with tables") == []
    assert references_in("two configs 3 times; the loss stays stable 2 epochs") == []
