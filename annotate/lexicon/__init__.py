"""The lexicons: the data files readers, annotators, comparison and renderers load.

Every module finds them through :data:`DIR`, so a module can move between folders without its
data going missing.  Extending a lexicon is editing a file here (README "Extending the lexicons").
"""
from pathlib import Path

DIR = Path(__file__).resolve().parent
