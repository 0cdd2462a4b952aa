/**
 * The Slack notifier records where it posted each message about a learner, and, once the
 * learner is erased, replaces it with the neutral "removed" card through chat.update.
 */
import { SlackNotifier } from '../../src/bots/slack/slack-notifier.js';
import { slackClient } from '../../src/bots/slack/slack-directory.js';
import { channelSetting } from '../../src/cases/channel-settings.js';
import { SAMPLE_INTENTS } from '../../src/cards/samples.js';
import { removeErasedMessages } from '../../src/privacy/message-removal.js';
import type { OpenStore } from '../../src/store/open-store.js';
import { openTestStore } from '../store/contract/harness.js';
import { startFakeSlack, type FakeSlack } from '../bots/slack/fake-slack.js';

let slack: FakeSlack;
let opened: OpenStore;
beforeAll(async () => {
  slack = await startFakeSlack();
  opened = await openTestStore('slack-removal');
});
afterAll(async () => {
  await opened.close();
  await slack.close();
});

test('an alert posted about a learner is recorded, and replaced with the "removed" card after an erasure', async () => {
  const alert = SAMPLE_INTENTS.find((i) => i.type === 'at-risk-alert')!;
  const learnerId = (alert as { learner: { id: string } }).learner.id;
  await opened.store.putSetting(channelSetting('slack', 'alerts'), 'C-ALERTS');
  const notifier = new SlackNotifier(slackClient('xoxb-test', `${slack.url}/api/`), opened.store, { postIntervalMs: 0 });
  await notifier.send(alert, 'deliver:k1');
  const [posted] = slack.of('chat.postMessage');
  expect(await opened.store.messagesFor(learnerId)).toEqual([
    expect.objectContaining({ key: 'deliver:k1:slack:C-ALERTS', platform: 'slack', conversation: 'C-ALERTS', purpose: 'posted:at-risk-alert' }),
  ]);
  expect(posted!.channel).toBe('C-ALERTS');

  expect(await opened.store.markMessagesForRemoval(learnerId)).toBe(1);
  expect(await removeErasedMessages(opened.store, [notifier])).toEqual({ replaced: 1, gone: 0, waiting: 0, failed: [] });
  const updates = slack.of('chat.update');
  expect(updates).toHaveLength(1);
  expect(updates[0]).toMatchObject({ channel: 'C-ALERTS', text: expect.stringContaining('Message removed') });
  expect(JSON.stringify(updates[0])).not.toContain((alert as { learner: { name: string } }).learner.name);
  expect(await removeErasedMessages(opened.store, [notifier])).toEqual({ replaced: 0, gone: 0, waiting: 0, failed: [] });
});
