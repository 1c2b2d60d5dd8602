"""Retrieval for 追问 / ask on corpus papers: questions a reader would ask, written from the papers' text (not
copied from it), each with the section(s) and page(s) that answer it. The top 5 passages must include a right
(section, page) pair for at least 80% of the questions. Pages were checked against the PDFs' own page text (a
section whose answer runs over two pages lists both)."""

from __future__ import annotations

from chatpaper import Settings
from chatpaper.ask import load_paper

# Recall@5 the retrieval must reach over all questions.
MIN_RECALL = 0.8
TOP = 5

# paper file -> [(question, [(section title start, page), ...] that answer it)]
QUESTIONS: dict[str, list[tuple[str, list[tuple[str, int]]]]] = {
    "cv03_cyclegan_1703.10593.pdf": [
        (
            "How much weight does the cycle term get relative to the GAN terms in training?",
            [("4. Implementation", 5), ("7.1. Training details", 18)],
        ),
        (
            "Why can't adversarial training alone give a meaningful mapping between the domains?",
            [("3.2. Cycle Consistency Loss", 4)],
        ),
        ("Which other methods are they compared with?", [("5.1.2 Baselines", 6), ("5.1.2 Baselines", 7)]),
        ("What happens to the results without the cycle consistency loss?", [("5.1.4 Analysis of the loss", 7)]),
        (
            "On what kind of translation does the method fail, for example changing geometry?",
            [("6. Limitations and Discussion", 9)],
        ),
    ],
    "sp01_wav2vec2_2006.11477.pdf": [
        ("How many hours of unlabeled LibriVox audio do they pre-train on?", [("4.1 Datasets", 4), ("Abstract", 1)]),
        (
            "What share of the time steps ends up masked during pre-training?",
            [("4.2 Pre-training", 4), ("A Masking distribution", 12)],
        ),
        ("Which language models do they decode with?", [("4.4 Language Models and Decoding", 5)]),
        ("How good is it at phoneme recognition on TIMIT?", [("5.3 Phoneme Recognition on TIMIT", 7), ("", 8)]),
        ("Why are latents quantized only as targets and not as Transformer inputs?", [("5.4 Ablations", 8)]),
    ],
    "nl01_s2orc_acl2020.pdf": [
        ("Which tools parse the PDFs into full text?", [("2.1 Processing PDFs", 3)]),
        ("How do they link bibliography entries to papers of the corpus?", [("2.6 Linking bibliographies", 4)]),
        ("How was the quality of the chosen metadata evaluated?", [("4 Evaluation", 5)]),
        ("Which kinds of PDFs are thrown away before GROBID runs?", [("B PDF filters", 13)]),
        ("Does a BERT pretrained on this corpus do as well as SciBERT?", [("5 Pretraining BERT on S2ORC", 6)]),
    ],
    "cv04_resnet_1512.03385.pdf": [
        ("What data augmentation is used when training on ImageNet?", [("3.4. Implementation", 4)]),
        (
            "How do the shortcuts deal with a change in dimensions?",
            [("3.2. Identity Mapping", 3), ("3.3. Network Architectures", 4)],
        ),
        ("What happens with a network of over a thousand layers on CIFAR-10?", [("4.2. CIFAR-10", 8)]),
    ],
    "cv05_fast_rcnn_1504.08083.pdf": [
        ("How are the SGD mini-batches sampled during training?", [("2.3. Fine-tuning for detection", 3)]),
        ("How does truncated SVD make detection faster?", [("3.1. Truncated SVD", 4)]),
        ("Is softmax better than SVMs as the classifier?", [("5.4. Do SVMs outperform softmax", 7), ("", 8)]),
    ],
}


def _right(hit_section: str, hit_page: int, expected: list[tuple[str, int]]) -> bool:
    return any(hit_section.startswith(section) and hit_page == page for section, page in expected)


def test_recall_at_5_of_questions_on_corpus_papers(corpus, tmp_path):
    settings = Settings.load(data_dir=tmp_path / "data")
    total = sum(len(qs) for qs in QUESTIONS.values())
    assert total >= 15 and len(QUESTIONS) >= 5
    misses = []
    for name, questions in QUESTIONS.items():
        paper = load_paper(corpus / "papers" / name, settings)
        for question, expected in questions:
            top = paper.index.search(question, TOP)
            if not any(_right(h.passage.section, h.passage.page, expected) for h in top):
                got = [(h.passage.section[:30], h.passage.page) for h in top]
                misses.append(f"{name}: {question!r} expected {expected}, got {got}")
    recall = 1 - len(misses) / total
    print(f"\nask retrieval recall@{TOP}: {recall:.2f} over {total} questions on {len(QUESTIONS)} papers")
    print("\n".join(misses))
    assert recall >= MIN_RECALL, "\n".join(misses)
