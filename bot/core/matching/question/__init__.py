"""What a question asks: the clause that asks it, the kind of answer it wants, and a detail an answer must hold."""
