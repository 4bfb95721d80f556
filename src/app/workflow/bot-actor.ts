import type { Actor } from '../ports.js';

/** The bot itself, as the actor of steps nobody clicked. */
export const BOT_ACTOR: Actor = { id: 'yhteistyobotti' };
