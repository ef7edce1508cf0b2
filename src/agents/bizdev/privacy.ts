/** j***@acme.com: enough to tell leads apart in a log line, not enough to write to them. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** +1 *** ** 67: the last two digits only. */
export function maskPhone(phone: string): string {
  return phone.length <= 4 ? '***' : `${phone.slice(0, phone.startsWith('+') ? 2 : 0)}***${phone.slice(-2)}`;
}
