import type { FriendRepo } from '../people/friend-repo.js';
import { eraseButtonValid, eraseConfirmMessages, privacyMessages } from '../subscriptions/privacy-notice.js';
import { SUBSCRIPTION_SAY } from '../subscriptions/wording.js';
import { textMessage } from '../flex/messages.js';
import type { IntentHandlers, PostbackHandlers } from './extensions.js';
import { requireUser } from './subscription-intents.js';

/**
 * Personal data (PDPA): `ความเป็นส่วนตัว` says what is kept, why and how long;
 * `ลบข้อมูลของฉัน` asks first, and the confirmation button erases the friend record (its
 * topics with it) and the conversation state. Tips follow their own retention rules.
 */
export function privacyHandlers(
  friends: FriendRepo,
  agencyName: () => string,
): {
  intents: Pick<IntentHandlers, 'privacy' | 'erase'>;
  postbacks: Pick<PostbackHandlers, 'erase'>;
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
      async erase(ctx, postback) {
        const userId = requireUser(ctx);
        if (postback.ok === '0') {
          ctx.outcome = 'erase-declined';
          ctx.reply(textMessage(SUBSCRIPTION_SAY.eraseDeclined));
          return;
        }
        if (!eraseButtonValid(postback.t, ctx.now)) {
          ctx.outcome = 'expired-button';
          ctx.reply(textMessage(SUBSCRIPTION_SAY.eraseExpired));
          return;
        }
        await friends.erase(userId);
        // The dispatcher deletes the conversation state once this handler has succeeded.
        ctx.setState(null);
        ctx.outcome = 'erased';
        ctx.replyEssential(textMessage(SUBSCRIPTION_SAY.erased));
      },
    },
  };
}
