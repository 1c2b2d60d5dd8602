"""The offline writer: each slot gets sentences that fit it, none twice, and no page furniture."""

from __future__ import annotations

from chatpaper.paper import Paper, Section
from chatpaper.stages import extractive as ex
from chatpaper.stages import extractive_writer as writer
from chatpaper.stages.material import StageMaterial

ABSTRACT = (
    "Sparse routing is an important problem for serving large language models cheaply. "
    "We propose SparseRouter, a router that sends each token to two experts. "
    "SparseRouter reaches 41.2 BLEU on WMT14, outperforming the dense baseline by 1.3 points."
)
EXPERIMENTS = (
    "We evaluate on three datasets and compare against four baselines using 64 GPUs for 3 days. "
    "SparseRouter improves throughput by 2.1x over the dense model at equal quality. "
    "On the long-context benchmark, SparseRouter achieves 73.5% accuracy against 70.2% for the dense model. "
    "Latency drops by 35% when SparseRouter routes with two experts instead of eight on the same hardware. "
    "On summarisation, SparseRouter outperforms the dense model with 44.1 ROUGE-1 against 43.0 for the baseline. "
    "Memory use improves by 18% because only the two selected experts are kept on each device during decoding. "
    "With 128 experts, SparseRouter achieves 1.8x the throughput of the switch router at the same accuracy. "
    "Figure 3: Throughput of SparseRouter against the dense baseline on WMT14 with 64 experts. "
    "Published as a conference paper at ICLR 2026 and distributed under a licence to all readers. "
    "The router does not use an auxiliary loss, which keeps the training recipe of the dense model. "
    "A limitation is that SparseRouter cannot balance experts when the batch holds fewer than 32 tokens."
)
CONCLUSION = (
    "SparseRouter makes sparse models practical for serving at scale with two experts per token. "
    "Routing two experts per token halves the serving cost of the largest models we trained in this study. "
    "As future work, we plan to study routing for speech models, which this paper does not evaluate."
)


def _material(stage: str, previous: dict | None = None) -> StageMaterial:
    paper = Paper(
        title="SparseRouter: cheap experts for serving",
        abstract=ABSTRACT,
        sections=[
            Section(title="1 Introduction", page=1, role="intro", text=ABSTRACT),
            Section(title="4 Experiments", page=4, role="experiments", text=EXPERIMENTS),
            Section(title="5 Conclusion", page=8, role="conclusion", text=CONCLUSION),
        ],
    )
    return StageMaterial(stage, paper, paper.sections, previous or {})


def test_page_furniture_is_never_a_sentence():
    got = ex.sentences(EXPERIMENTS)
    assert not any("Figure 3" in s or "Published as" in s for s in got)
    assert not ex.sentences("arXiv:2308.11596v2 [cs.CL] 24 Oct 2023 is the stamp on the side of every page here.")
    assert not ex.sentences("∗Equal contribution of the first two authors, who are listed in random order here.")
    assert ex.sentences("Classification is hard.1 Such models need many labelled examples to train well.")[-1] == (
        "Such models need many labelled examples to train well."
    )


def test_limitations_only_as_weaknesses_and_numbers_for_performance():
    summary = writer.summary(_material("summary"), "zh")
    out = writer.conclusion(_material("conclusion", {"summary": summary}), "zh")
    strengths = [out.innovation.strengths, out.performance.strengths, out.workload.strengths, out.significance]
    assert not any("limitation" in s or "future work" in s for s in strengths)
    assert "cannot balance experts" in out.performance.weaknesses + out.innovation.weaknesses
    assert any(ch.isdigit() for ch in out.performance.strengths)
    assert "does not use an auxiliary loss" not in out.performance.weaknesses + out.innovation.weaknesses


def test_no_sentence_is_repeated_across_slots():
    summary = writer.summary(_material("summary"), "zh")
    conclusion = writer.conclusion(_material("conclusion", {"summary": summary}), "zh")
    slots = [
        summary.background,
        summary.prior_work,
        summary.method,
        summary.results,
        summary.one_line_summary,
        *summary.key_takeaways,
        conclusion.significance,
        conclusion.innovation.strengths,
        conclusion.innovation.weaknesses,
        conclusion.performance.strengths,
        conclusion.performance.weaknesses,
        conclusion.workload.strengths,
        conclusion.workload.weaknesses,
    ]
    quoted = [s for slot in slots if slot not in writer.NOT_FOUND.values() for s in ex.sentences(slot)]
    assert len(quoted) == len(set(quoted)), [s for s in quoted if quoted.count(s) > 1]


def test_a_running_title_is_taken_out_of_the_text():
    by_role = writer._sentences_by_role(
        [
            Section(
                title="x",
                page=1,
                role="intro",
                text="The gain is large, but it is not the primary SparseRouter: "
                "cheap experts for serving reason for the drop in cost we observe.",
            )
        ],
        "SparseRouter: cheap experts for serving",
    )
    assert all("cheap experts" not in s for s in by_role["intro"])
