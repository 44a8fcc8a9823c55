"""What litkg learns from a gold set: token features, the CRF model, and ``litkg train``.

* :mod:`~litkg.extract.learn.features`: token features, the rules' spans among them;
* :mod:`~litkg.extract.learn.model`: loading a model directory and reading spans from it;
* :mod:`~litkg.extract.learn.train`: training a model from a gold file.

The spaCy component that applies a model is :mod:`litkg.extract.components.learned`.
"""
