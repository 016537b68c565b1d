"""gospablik: official social-media accounts of a government body, run by its regulation."""
