/** Lower case without accents (NFKD, combining marks dropped): "Café" and "CAFE" fold alike. */
export const foldText = (text: string): string => (/^[\x20-\x7e\s]*$/.test(text) ? text : text.normalize('NFKD').replace(/\p{M}+/gu, '')).toLowerCase();
