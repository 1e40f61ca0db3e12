/**
 * Bad arguments, worded the same way everywhere (sharp's `invalidParameterError`): `Expected
 * <what> for <name> but received <value> of type <type>`. Tests match these messages.
 */

export interface InvalidArgumentOptions {
  /** The error class: TypeError for a value of the wrong type, RangeError for one out of range. @default TypeError */
  error?: new (
    message: string,
  ) => Error;
  /** Strings shown in quotes (paths, where spaces matter). @default false */
  quoted?: boolean;
  /** What was received, where `<value> of type <type>` does not say it best. */
  received?: string;
}

/**
 * The error for argument `name` (null where `expected` names it) that should have been
 * `expected` but is `value`. Returns it, for the caller to throw.
 */
export function invalidArgument(
  expected: string,
  name: string | null,
  value: unknown,
  {
    error = TypeError,
    quoted = false,
    received = describe(value, quoted),
  }: InvalidArgumentOptions = {},
): Error {
  return new error(
    `Expected ${expected}${name === null ? '' : ` for ${name}`} but received ${received}`,
  );
}

/** `value`, a number: throws a TypeError for another type and a RangeError for NaN or ±Infinity. */
export function expectFinite(value: unknown, name: string): number {
  if (typeof value !== 'number') throw invalidArgument('finite number', name, value);
  if (!Number.isFinite(value)) {
    throw invalidArgument('finite number', name, value, {
      error: RangeError,
      received: String(value),
    });
  }
  return value;
}

/** `<value> of type <type>`, the value in quotes when `quoted` and a string. */
function describe(value: unknown, quoted: boolean): string {
  const shown = quoted && typeof value === 'string' ? `'${value}'` : String(value);
  return `${shown} of type ${typeof value}`;
}
