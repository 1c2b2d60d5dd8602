"""The three LLM stages (summary -> methods -> conclusion): what each asks, sends, and accepts."""
