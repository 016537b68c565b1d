"""Dialogue with residents: threads over comments and messages, answers, deadlines, metrics."""
