"""The loopback servers live in ``chatpaper.loopback`` so the benchmark can use them too; tests import them here."""

from chatpaper.loopback import ArxivPaper, FakeArxiv, FakeLLM, Recorded, Reply, fake_instance

__all__ = ["ArxivPaper", "FakeArxiv", "FakeLLM", "Recorded", "Reply", "fake_instance"]
