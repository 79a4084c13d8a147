"""Office profiles: one YAML per city (``cities/``) and per province (``provinces/``),
the versioned schema they follow (``schema.py``) and the loader that validates them
before anything is written (``loader.py``)."""

from pathlib import Path

PROFILES_DIR = Path(__file__).resolve().parent
CITIES_DIR = PROFILES_DIR / "cities"
PROVINCES_DIR = PROFILES_DIR / "provinces"
