/** A UUID in its canonical 8-4-4-4-12 hex form, either case: the shape of every id the platform hands out. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID (no surrounding space): callers test ids before a query would fail on them. */
export const isUuid = (value: string): boolean => UUID.test(value);
