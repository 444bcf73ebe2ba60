"""The call as data, and its pages: load and validate, prepare views per language, render.

The stages and their modules are listed in the README's design section; mkdocs reaches
them through macros/site_hooks.py.
"""
