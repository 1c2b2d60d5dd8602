"""A digest rendered for people: Markdown, the standalone HTML page, the files of a finished run."""
