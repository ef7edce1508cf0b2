// The "max" metadata checks the digits of a number, not only its length: "12345" is not a German number.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** A phone number in E.164 ("+14155552671"), or undefined when it is not a valid number (an extension is dropped). */
export function toE164(text: string, defaultCountry?: CountryCode): string | undefined {
  // Text with fewer digits than any phone number ("n/a", "-") is answered without the parser's thrown errors.
  if ((text.match(/\d/g)?.length ?? 0) < 5) return undefined;
  const parsed = parsePhoneNumberFromString(text, defaultCountry);
  return parsed?.isValid() ? parsed.number : undefined;
}
