"""Application layer of the proposals service: commands in, read-model queries out."""
