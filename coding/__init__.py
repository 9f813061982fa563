"""Zhagen's core: the domain model, storage, services and GT logic.

Nothing in this package imports Qt; the whole pipeline runs headless.
"""
