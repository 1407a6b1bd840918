"""From chat text to the terms matching weighs: the same steps for questions, patterns and article lines."""
