"""Enterprise obligations declared as data (rules/data/*.yaml) and a deterministic engine over them."""
