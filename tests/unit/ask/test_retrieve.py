from chatpaper.ask.passages import Passage
from chatpaper.ask.retrieve import PassageIndex, tokens


def test_tokens_drop_question_words_and_meet_at_a_stem():
    assert tokens("How do they train the routers?") == ["train", "router"]
    assert tokens("training trained trains") == ["train", "train", "train"]
    assert tokens("损失函数") == ["损", "失", "函", "数", "损失", "失函", "函数"]


def test_bm25_finds_the_passage_that_answers(passages):
    index = PassageIndex(passages)
    top = index.search("How large is the batch size used for training?", 3)
    assert top[0].passage.section == "3.1 Training Data"
    top = index.search("What weight does the load-balancing loss have?", 3)
    assert top[0].passage.section == "2.1 Router Training"


def test_a_named_figure_brings_its_caption_first_then_the_text_that_refers_to_it(passages):
    index = PassageIndex(passages)
    for question in ("What does Figure 3 show?", "图3展示了什么？", "explain fig. 3"):
        top = index.search(question, 5)
        assert (top[0].passage.label, top[0].why) == ("Figure 3", "named figure")
        assert top[1].passage.section == "3.1 Training Data" and top[1].why.startswith("refers to")
    top = index.search("What is in Table 2?", 5)
    assert top[0].passage.label == "Table 2"


def test_a_named_section_comes_first():
    passages = [
        Passage(id="P1", section="2 Method", page=1, text="The router keeps two experts."),
        Passage(id="P2", section="3.2 Ablations", page=4, text="Removing the loss hurts."),
    ]
    top = PassageIndex(passages).search("What does section 3.2 find about the router?", 2)
    assert top[0].passage.id == "P2" and top[0].why == "named section"


def test_nothing_matches_nothing(passages):
    assert PassageIndex(passages).search("quantum chromodynamics lattice", 5) == []
    assert PassageIndex([]).search("anything", 5) == []


def test_a_chinese_question_finds_the_english_passage(passages):
    index = PassageIndex(passages)
    assert index.search("负载均衡损失的权重是多少？", 1)[0].passage.section == "2.1 Router Training"
    assert index.search("训练数据的批大小是多少？", 1)[0].passage.section == "3.1 Training Data"


def test_reader_words_bring_the_papers_words():
    from chatpaper.ask.glossary import english_words

    assert "baseline" in english_words("Which methods are they compared with?").split()
    assert english_words("损失函数和预训练") == "loss function objective pre-training pretraining"


def test_a_question_with_no_word_of_the_paper_gets_an_overview(passages):
    index = PassageIndex(passages)
    overview = index.overview(4)
    assert [h.passage.section for h in overview] == ["Abstract", "1 Introduction", "2 Method", "2.1 Router Training"]
    assert all(h.why == "overview" for h in overview)
