"""ChatPaper web app: ``python app.py`` (Hugging Face Spaces runs this file).

GRADIO_SERVER_NAME / GRADIO_SERVER_PORT choose where it listens; with no API key configured it runs on the
offline backend and says so on the page.
"""

import logging

from chatpaper.web import build_app, launch_options

logging.basicConfig(level=logging.INFO, format="chatpaper: %(message)s")
for noisy in ("httpx", "httpx2", "google_genai", "arxiv", "urllib3", "openai"):
    logging.getLogger(noisy).setLevel(logging.WARNING)

demo = build_app()

if __name__ == "__main__":
    demo.launch(**launch_options())
