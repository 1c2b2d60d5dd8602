"""Which parts of a paper one stage sends, within a token budget.

The budget is spent so that it covers the paper: the table of contents and other front-matter lists go,
every top-level section of the main body gets a first share before any section gets more, no one section
takes more than ``MAX_SECTION_SHARE`` of the budget, and a section that is cut ends at a sentence with
``CUT_MARK``. What the heuristics cannot do: they know a section only by its title and role, so a method
hidden under an unusual title ranks as "other", and a section the parser never found cannot be sent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from chatpaper.paper import Paper, Section
from chatpaper.text import clip_to_tokens, estimate_tokens

# No one section may take more than this share of a stage's budget (one 7k-token human-evaluation section
# took 22% of the summary stage of a 111-page report and pushed whole chapters out).
MAX_SECTION_SHARE = 0.12
# The first round gives every top-level section of the main body an equal part of this share of the budget;
# the rest goes by the stage's role preference.
FIRST_ROUND_SHARE = 0.5
# Each step down the stage's role preference multiplies a section's claim on the rest of the budget by this.
ROLE_WEIGHT_DECAY = 0.6
# A clipped section is still worth sending when at least this many tokens of it fit.
MIN_USEFUL_TOKENS = 200
# Marks where a section's text was cut, so the model knows the section goes on.
CUT_MARK = "[…]"

# Front-matter lists and thanks that say nothing about the paper's content.
_LIST_TITLE = re.compile(
    r"^\s*([\dA-Z]{1,2}\.?\s+)?((table of )?contents|list of (figures|tables|abbreviations)|目\s*录|"
    r"acknowledge?ments?|致\s*谢)\s*$",
    re.I,
)
# Table-of-contents leaders: ". . . . 12" or "......12".
_DOT_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d*")
# Text that is mostly leaders is a table of contents, whatever its title.
MAX_LEADER_SHARE = 0.2
# Headings that are evaluations whatever role their title words suggest (roles come from chatpaper.pdf).
_EVALUATION = re.compile(
    r"\b(evaluations?|toxicity|bias|human evaluation|ablations?|results?|benchmarks?|robustness)\b", re.I
)
# Roles that are never sent: the abstract goes in on its own, references are not content.
_NEVER_SENT = ("references", "abstract")
# Roles after which the main body is over.
_BACK_MATTER = ("appendix", "references")


@dataclass
class Selection:
    """What one stage sends: the chosen sections (clipped ones end in CUT_MARK), and what was left out."""

    sections: list[Section]
    omitted: list[str] = field(default_factory=list)  # titles of sections left out entirely
    clipped: list[str] = field(default_factory=list)  # titles of sections sent in part
    log: list[str] = field(default_factory=list)  # one line per cut, with token counts, for the log


def strip_leaders(text: str) -> str:
    """``text`` without table-of-contents leader runs."""
    return _DOT_LEADER.sub(" ", text) if "...." in text.replace(" ", "") else text


def is_front_list(sec: Section) -> bool:
    """A table of contents, list of figures/tables or acknowledgements: by title, or by a text that is mostly
    leaders."""
    if _LIST_TITLE.match(sec.title or ""):
        return True
    leaders = sum(len(m) for m in _DOT_LEADER.findall(sec.text))
    return bool(sec.text) and leaders > MAX_LEADER_SHARE * len(sec.text)


# A sentence end: closing punctuation followed by a space or the end (so "0.1" and "e.g." inside a word run
# are not ends; abbreviations followed by a space can still be taken for one).
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)\]]?(?=\s|$)|[。！？]")
# A clip falls back to a word end when the last sentence end is before this fraction of the clipped text.
MIN_KEPT_FRACTION = 0.5


def clip_at_sentence(text: str, budget: int) -> str:
    """The longest prefix of ``text`` within ``budget`` tokens that ends a sentence (a word, when the last
    sentence end would throw away more than half)."""
    cut = clip_to_tokens(text, budget)
    if len(cut) >= len(text):
        return cut
    ends = [m.end() for m in _SENTENCE_END.finditer(cut)]
    if ends and ends[-1] >= MIN_KEPT_FRACTION * len(cut):
        return cut[: ends[-1]]
    return cut.rstrip()


def stage_role(sec: Section) -> str:
    """The section's role as the stages read it: evaluation-like headings count as experiments."""
    if sec.role in ("other", "method") and _EVALUATION.search(sec.title or ""):
        return "experiments"
    return sec.role


def _groups(sections: list[Section]) -> list[list[int]]:
    """Indices of ``sections`` grouped by top-level section (a level-1 heading and what follows it)."""
    groups: list[list[int]] = []
    for i, sec in enumerate(sections):
        if sec.level <= 1 or not groups:
            groups.append([i])
        else:
            groups[-1].append(i)
    return groups


def _roles(sections: list[Section], groups: list[list[int]]) -> list[str]:
    """Stage roles; an "other" section takes its chapter's role when most of the chapter's text has it
    (the "Responsible AI" chapter of Toxicity and Bias evaluations is an evaluation chapter)."""
    roles = [stage_role(s) for s in sections]
    for group in groups:
        sizes: dict[str, int] = {}
        for i in group:
            sizes[roles[i]] = sizes.get(roles[i], 0) + len(sections[i].text)
        total = sum(sizes.values()) or 1
        main = max((r for r in sizes if r != "other"), key=lambda r: sizes[r], default=None)
        if main and sizes[main] * 2 > total:
            for i in group:
                if roles[i] == "other":
                    roles[i] = main
    return roles


def _label(sec: Section) -> str:
    return sec.title or f"text on page {sec.page}"


def select(paper: Paper, wanted_roles: tuple[str, ...], budget: int) -> Selection:
    """Sections for a stage that reads ``wanted_roles`` (most wanted first) within ``budget`` tokens, in
    document order."""
    cleaned = [
        s.model_copy(update={"text": strip_leaders(s.text)}) if "...." in s.text.replace(" ", "") else s
        for s in paper.sections
        if s.role not in _NEVER_SENT and not is_front_list(s)
    ]
    # Chapters are grouped before empty sections go: "2. Dimensions" with no text of its own still owns 2.1-2.3.
    chapters = _groups(cleaned)
    keep = [i for i, s in enumerate(cleaned) if s.text.strip()]
    position = {old: new for new, old in enumerate(keep)}
    usable = [cleaned[i] for i in keep]
    groups = [g for g in ([position[i] for i in chapter if i in position] for chapter in chapters) if g]
    roles = _roles(usable, groups)
    order = {role: rank for rank, role in enumerate(wanted_roles)}
    wanted = [i for i in range(len(usable)) if roles[i] in order] or list(range(len(usable)))
    wanted_set = set(wanted)
    need = {i: estimate_tokens(usable[i].text) for i in wanted}
    cap = max(MIN_USEFUL_TOKENS, int(budget * MAX_SECTION_SHARE))
    left = max(0, budget - estimate_tokens(paper.abstract))
    given = dict.fromkeys(wanted, 0)

    def give(i: int, most: int) -> None:
        nonlocal left
        extra = min(most, left, min(need[i], cap) - given[i])
        if extra > 0:
            given[i] += extra
            left -= extra

    # Round 1: each top-level section of the main body, in order of preference, gets an equal first share,
    # spent on its sections in document order.
    main_body: list[list[int]] = []
    for group in groups:
        if roles[group[0]] in _BACK_MATTER:
            break
        members = [i for i in group if i in wanted_set]
        if members:
            main_body.append(members)
    main_body.sort(key=lambda g: min(order.get(roles[i], len(order)) for i in g))
    if main_body:
        share = max(MIN_USEFUL_TOKENS, int(left * FIRST_ROUND_SHARE) // len(main_body))
        for members in main_body:
            room = share
            for i in members:
                before = given[i]
                give(i, room)
                room -= given[i] - before
                if room < MIN_USEFUL_TOKENS:
                    break
    # Then the rest, weighted by the stage's role preference: each section may grow to weight x level (and at
    # most the cap), with the level as high as the budget allows. A less wanted section still gets a smaller
    # part instead of nothing, so a long evaluation section cannot push a whole chapter out.
    weight = {i: ROLE_WEIGHT_DECAY ** order.get(roles[i], len(order)) for i in wanted}
    floor = dict(given)

    def spend(level: float) -> int:
        return sum(max(floor[i], min(need[i], cap, int(level * weight[i]))) for i in wanted)

    total = sum(floor.values()) + left
    low, high = 0.0, float(cap) / min(weight.values(), default=1.0) + 1
    for _ in range(40):  # bisection on the level: 40 halvings are far below one token
        mid = (low + high) / 2
        low, high = (mid, high) if spend(mid) <= total else (low, mid)
    for i in wanted:
        given[i] = max(floor[i], min(need[i], cap, int(low * weight[i])))

    chosen: list[Section] = []
    selection = Selection(chosen)
    for i in wanted:
        sec, got = usable[i], given[i]
        if got >= need[i]:
            chosen.append(sec.model_copy(update={"role": roles[i]}))
        elif got >= MIN_USEFUL_TOKENS:
            text = clip_at_sentence(sec.text, got - estimate_tokens(" " + CUT_MARK)) + " " + CUT_MARK
            chosen.append(sec.model_copy(update={"text": text, "role": roles[i]}))
            selection.clipped.append(_label(sec))
            selection.log.append(f"{_label(sec)} (clipped to {got} of {need[i]} tokens)")
        else:
            selection.omitted.append(_label(sec))
            selection.log.append(f"{_label(sec)} ({need[i]} tokens)")
    return selection
