import { assigned, END, regex } from '../patterns';
import { secretRule, type SecretRule } from '../rule';

const SLACK_REVOKE = 'Revoke the token (api.slack.com/apps > your app, or auth.revoke) and reinstall the app to get a new one.';

export const MESSAGING_RULES: SecretRule[] = [
  secretRule(
    'slack-bot-token',
    {
      title: 'Slack bot token',
      description: 'A Slack bot token (xoxb-) posts and reads messages in every channel the bot is in.',
      fix: SLACK_REVOKE,
      severity: 'high',
    },
    { keywords: ['xoxb-'], regex: regex(`\\b(xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34})\\b`), entropy: 3 },
  ),
  secretRule(
    'slack-user-token',
    {
      title: 'Slack user token',
      description: 'A Slack user token (xoxp-) acts as the person who installed the app, private messages included.',
      fix: SLACK_REVOKE,
      severity: 'critical',
    },
    { keywords: ['xoxp-'], regex: regex(`\\b(xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{28,34})\\b`), entropy: 3 },
  ),
  secretRule(
    'slack-workspace-token',
    {
      title: 'Slack workspace access token',
      description: 'A legacy Slack workspace token (xoxa-) acts for a workspace app across the workspace.',
      fix: SLACK_REVOKE,
      severity: 'high',
    },
    { keywords: ['xoxa-'], regex: regex(`\\b(xoxa-(?:\\d-)?[A-Za-z0-9-]{20,150})${END}`), entropy: 3 },
  ),
  secretRule(
    'slack-app-token',
    {
      title: 'Slack app-level token',
      description: 'A Slack app-level token (xapp-) opens Socket Mode connections and receives the events of the app.',
      fix: SLACK_REVOKE,
      severity: 'high',
    },
    { keywords: ['xapp-'], regex: regex(`\\b(xapp-\\d-[A-Z0-9]{8,12}-\\d{8,14}-[a-z0-9]{32,80})\\b`), entropy: 3 },
  ),
  secretRule(
    'slack-webhook-url',
    {
      title: 'Slack incoming webhook URL',
      description: 'A Slack webhook URL lets anyone post messages (and phishing links) into the channel.',
      fix: 'Remove the webhook in the Slack app settings (Incoming Webhooks) and create a new one kept in a secret store.',
      severity: 'medium',
    },
    {
      keywords: ['hooks.slack.com'],
      regex: regex(`((?:https?://)?hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56})(?![A-Za-z0-9+/])`),
      entropy: 3,
    },
  ),
  secretRule(
    'discord-bot-token',
    {
      title: 'Discord bot token',
      description: 'A Discord bot token logs in as the bot on every server it has joined.',
      fix: 'Reset the token in the Discord Developer Portal (Applications > Bot > Reset Token).',
      severity: 'high',
    },
    {
      keywords: ['discord'],
      regex: regex(assigned('discord[\\w.-]{0,20}', '[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40}')),
      entropy: 3.5,
    },
  ),
  secretRule(
    'discord-webhook-url',
    {
      title: 'Discord webhook URL',
      description: 'A Discord webhook URL lets anyone post messages into the channel under any name.',
      fix: 'Delete the webhook in the channel settings (Integrations > Webhooks) and create a new one.',
      severity: 'medium',
    },
    {
      keywords: ['discord.com/api/webhooks', 'discordapp.com/api/webhooks'],
      regex: regex(`(https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68})${END}`),
      entropy: 3,
    },
  ),
  secretRule(
    'telegram-bot-token',
    {
      title: 'Telegram bot token',
      description: 'A Telegram bot token controls the bot: it reads the messages sent to it and speaks for it.',
      fix: 'Revoke the token with @BotFather (/revoke) and configure the new one from a secret store.',
      severity: 'high',
    },
    { keywords: [':aa'], regex: regex(`\\b([0-9]{8,10}:AA[A-Za-z0-9_-]{33})${END}`), entropy: 3.5 },
  ),
  secretRule(
    'twilio-api-key',
    {
      title: 'Twilio API key',
      description: 'A Twilio API key SID (SK + 32 hex) is committed; with its secret it sends messages and calls on your bill.',
      fix: 'Delete the API key in the Twilio console (Account > API keys & tokens) and create a new one.',
      severity: 'medium',
    },
    { keywords: ['sk'], regex: regex(`\\b(SK[0-9a-fA-F]{32})\\b`), entropy: 3 },
  ),
  secretRule(
    'twilio-auth-token',
    {
      title: 'Twilio auth token',
      description: 'A Twilio auth token next to its account SID (AC...) gives full control of the Twilio account.',
      fix: 'Rotate the auth token in the Twilio console (Account > API keys & tokens > Auth tokens) and promote the secondary.',
      severity: 'critical',
    },
    {
      keywords: ['auth_token', 'authtoken', 'auth-token', 'twilio'],
      regex: regex(assigned('(?:twilio[\\w.-]{0,20})?auth[_-]?token|twilio[_-]?token|twilio[_-]?secret', '[0-9a-f]{32}')),
      requires: /\bAC[0-9a-f]{32}\b/,
      entropy: 3,
    },
  ),
  secretRule(
    'sendgrid-api-key',
    {
      title: 'SendGrid API key',
      description: 'A SendGrid API key (SG.x.y) sends email as your domain, the classic route for phishing.',
      fix: 'Delete the key in SendGrid (Settings > API Keys) and create a new one with restricted access.',
      severity: 'high',
    },
    { keywords: ['sg.'], regex: regex(`\\b(SG\\.[\\w-]{22}\\.[\\w-]{43})${END}`), entropy: 3 },
  ),
  secretRule(
    'mailgun-api-key',
    {
      title: 'Mailgun API key',
      description: 'A Mailgun private API key sends email for your domains and reads their logs.',
      fix: 'Delete the key in Mailgun (API Security) and create a new one.',
      severity: 'high',
    },
    {
      keywords: ['mailgun'],
      regex: regex(assigned('mailgun[\\w.-]{0,20}', 'key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}')),
      entropy: 3,
    },
  ),
  secretRule(
    'mailchimp-api-key',
    {
      title: 'Mailchimp API key',
      description: 'A Mailchimp API key (32 hex + -usNN) reads the audience lists and sends campaigns.',
      fix: 'Disable the key in Mailchimp (Profile > Extras > API keys) and create a new one.',
      severity: 'high',
    },
    { keywords: ['-us'], regex: regex(`\\b([0-9a-f]{32}-us[0-9]{1,2})\\b`), entropy: 3 },
  ),
];
