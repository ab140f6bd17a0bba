"""spaCy components and lexicons: statements, event mentions and figure claims."""
