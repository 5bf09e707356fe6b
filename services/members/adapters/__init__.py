"""I/O at the edge of the members service (the key store for members' personal data)."""
