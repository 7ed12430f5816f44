import type { FriendStore } from '../store/friend-store.js';
import { eraseButtonValid, eraseConfirmMessages, privacyMessages } from './privacy-notice.js';
import { SUBSCRIPTION_SAY } from '../wording.js';
import { textMessage } from '../../flex/messages.js';
import { postback, type IntentHandlers, type PostbackDefinition } from '../../bot/feature.js';
import { SUBSCRIPTION_BUTTONS } from './subscription-buttons.js';
import { requireUser } from './subscription-intents.js';

/**
 * Personal data (PDPA): `ความเป็นส่วนตัว` says what is kept, why and how long;
 * `ลบข้อมูลของฉัน` asks first, and the confirmation button erases the friend record (its
 * topics with it) and the conversation state. Tips follow their own retention rules.
 */
export function privacyHandlers(
  friends: FriendStore,
  agencyName: () => string,
): {
  intents: Pick<IntentHandlers, 'privacy' | 'erase'>;
  postbacks: { erase: PostbackDefinition };
} {
  return {
    intents: {
      async privacy(ctx) {
        ctx.reply(...privacyMessages(agencyName()));
      },
      async erase(ctx) {
        requireUser(ctx);
        ctx.outcome = 'erase-asked';
        ctx.reply(...eraseConfirmMessages(ctx.now));
      },
    },
    postbacks: {
      erase: postback(SUBSCRIPTION_BUTTONS.erase, async (ctx, button) => {
        const userId = requireUser(ctx);
        if (button.ok === '0') {
          ctx.outcome = 'erase-declined';
          ctx.reply(textMessage(SUBSCRIPTION_SAY.eraseDeclined));
          return;
        }
        if (!eraseButtonValid(button.t, ctx.now)) {
          ctx.outcome = 'expired-button';
          ctx.reply(textMessage(SUBSCRIPTION_SAY.eraseExpired));
          return;
        }
        await friends.erase(userId);
        // The dispatcher deletes the conversation state once this handler has succeeded.
        ctx.setState(null);
        ctx.outcome = 'erased';
        ctx.replyEssential(textMessage(SUBSCRIPTION_SAY.erased));
      }),
    },
  };
}
