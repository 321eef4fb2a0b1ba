"""interpret stage."""
