"""ChatPaper web app: ``python app.py`` (Hugging Face Spaces runs this file).

GRADIO_SERVER_NAME / GRADIO_SERVER_PORT choose where it listens; with no API key configured it runs on the
offline backend and says so on the page.
"""

from chatpaper._logging import setup_logging
from chatpaper.web import build_app, launch_options

setup_logging()

demo = build_app()

if __name__ == "__main__":
    demo.launch(**launch_options())
