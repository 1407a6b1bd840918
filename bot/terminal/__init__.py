"""The terminal face's commands; each is a thin layer over ``bot.core``."""
