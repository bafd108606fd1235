"""Loaders and scorers for the annotated datasets in ``../shared/data`` (``newsprism eval NAME``)."""
