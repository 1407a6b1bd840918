"""The bot's commands and listeners, one cog per concern. ``EXTENSIONS`` is the load order."""

EXTENSIONS = (
    "bot.app.cogs.ask",
    "bot.app.cogs.listener",
    "bot.app.cogs.quotes",
    "bot.app.cogs.timeline",
    "bot.app.cogs.source",
    "bot.app.cogs.info",
    "bot.app.cogs.moderation",
)
