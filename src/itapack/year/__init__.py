"""A pack's year: init starts one, scaffold makes its folders, rollover starts the next."""
