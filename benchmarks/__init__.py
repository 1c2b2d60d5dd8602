"""``python -m benchmarks``: what a paper costs in time, tokens and memory, against the alternatives.

One run, a few minutes on 2 cores, Markdown tables on stdout. Every section is a module with one
``measure(...)`` returning rows and a ``table(rows)`` rendering them; ``__main__`` runs them in order and
collects the targets. The LLM and arXiv are the loopback servers of ``tests.helpers.loopback``, driven through the
real SDKs, so nothing here reaches the internet."""
