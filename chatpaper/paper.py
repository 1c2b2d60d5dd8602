"""What we know about one paper: merged from arXiv metadata and the PDF."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Section(BaseModel):
    title: str
    page: int = Field(description="1-based page where the section starts")
    level: int = 1
    role: str = Field("other", description="intro, related, method, experiments, conclusion, appendix, ...")
    text: str = ""

    @property
    def chars(self) -> int:
        return len(self.text)


class Paper(BaseModel):
    """Metadata and text of one paper. arXiv metadata, when present, wins over what the PDF suggests."""

    title: str | None = None
    authors: list[str] = []
    affiliations: list[str] = []
    first_author_affiliation: str | None = None
    abstract: str = ""
    arxiv_id: str | None = None
    arxiv_version: int | None = None
    abs_url: str | None = None
    pdf_url: str | None = None
    published: str | None = None
    categories: list[str] = []
    comment: str | None = None
    links: list[str] = Field(default_factory=list, description="code / project links")
    pages: int = 0
    pages_read: int = 0
    has_text: bool = True
    sections: list[Section] = []
    notices: list[str] = Field(default_factory=list, description="things the reader should know (cut pages, ...)")

    @property
    def code_links(self) -> list[str]:
        return [u for u in self.links if "github" in u or "gitlab" in u or "huggingface.co" in u or "bitbucket" in u]
