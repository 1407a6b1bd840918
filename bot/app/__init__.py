"""The Discord face: a thin layer of discord.py over ``bot.core``. Build it with ``create_bot``."""

from bot.app.client import create_bot

__all__ = ["create_bot"]
