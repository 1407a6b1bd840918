"""What the bot shows in Discord: results laid out as embeds and messages (``embeds``, ``answering``), the
buttons and forms (``views``, ``kb_views``), refusals told to moderators (``refusals``) and Discord's size
limits (``limits``)."""
