"""Graph exports, one module per format."""
