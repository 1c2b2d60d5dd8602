"""Where a paper comes from: what a user typed, arXiv metadata, the PDF download."""
