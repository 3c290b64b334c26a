// Counts in words a person reads: "1 item", "3 items" (never "item(s)"), with thousands separated.
export const count = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
/** "is"/"are" (or any pair) agreeing with n. */
export const agree = (n: number, one: string, many: string): string => (n === 1 ? one : many);
