"""Helpers shared by the tests: small PDFs, loopback servers that speak the real protocols."""
