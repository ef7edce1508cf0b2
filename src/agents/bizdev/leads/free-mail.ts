import { registrableDomain } from './domain';

/** Mailbox providers anyone can sign up to: an address there says nothing about the person's company. */
const FREE_MAIL_DOMAINS = new Set([
  // Google, Microsoft, Yahoo, AOL, Apple
  'gmail.com', 'googlemail.com', 'msn.com', 'passport.com', 'ymail.com', 'rocketmail.com', 'aim.com',
  'icloud.com', 'me.com', 'mac.com',
  // privacy-minded providers
  'protonmail.com', 'protonmail.ch', 'proton.me', 'pm.me', 'tutanota.com', 'tutanota.de', 'tuta.io', 'tuta.com',
  'fastmail.com', 'fastmail.fm', 'hey.com', 'posteo.de', 'posteo.net', 'mailbox.org', 'hushmail.com', 'runbox.com',
  'zoho.com', 'zohomail.com', 'zohomail.eu',
  // generic portals
  'mail.com', 'email.com', 'usa.com', 'lycos.com', 'inbox.com', 'rediffmail.com',
  // Europe
  'web.de', 'freenet.de', 't-online.de', 'orange.fr', 'wanadoo.fr', 'free.fr', 'laposte.net', 'sfr.fr',
  'libero.it', 'virgilio.it', 'tiscali.it', 'seznam.cz', 'wp.pl', 'o2.pl', 'interia.pl', 'onet.pl',
  'btinternet.com', 'sky.com', 'virginmedia.com',
  // Russia, China, Korea
  'ya.ru', 'mail.ru', 'inbox.ru', 'list.ru', 'bk.ru', 'rambler.ru',
  'qq.com', 'foxmail.com', '163.com', '126.com', 'yeah.net', 'sina.com', 'sohu.com', 'aliyun.com',
  'naver.com', 'daum.net', 'hanmail.net',
  // Americas, Oceania
  'att.net', 'sbcglobal.net', 'comcast.net', 'verizon.net', 'shaw.ca', 'rogers.com', 'bigpond.com', 'uol.com.br', 'bol.com.br',
]);

/** Providers with one free-mail domain per country (yahoo.co.uk, gmx.de, hotmail.fr, yandex.ru, ...). */
const FREE_MAIL_IN_EVERY_COUNTRY = new Set(['yahoo', 'hotmail', 'outlook', 'live', 'aol', 'gmx', 'yandex']);

export function isFreeMail(domain: string): boolean {
  if (FREE_MAIL_DOMAINS.has(domain)) return true;
  return FREE_MAIL_IN_EVERY_COUNTRY.has(domain.slice(0, domain.indexOf('.'))) && registrableDomain(domain) === domain;
}
