/** How stored conversation references are named: a person's own chat with the bot, or a team channel. */
export const personKey = (personId: string) => `user:${personId}`;
export const channelKey = (channelId: string) => `channel:${channelId}`;
