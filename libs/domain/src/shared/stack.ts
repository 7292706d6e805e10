/**
 * An immutable stack, newest item on top. Pushing and popping share everything below, so a state
 * that keeps every record of a long stream still folds in linear time (copying an array per
 * event would make the fold quadratic).
 */
export type Stack<T> = { readonly top: T; readonly below: Stack<T>; readonly size: number } | undefined;

export const sizeOf = <T>(stack: Stack<T>): number => stack?.size ?? 0;

export const push = <T>(stack: Stack<T>, item: T): Stack<T> => ({ top: item, below: stack, size: sizeOf(stack) + 1 });

/** The stack without its items from the top down while `drop` holds. */
export function popWhile<T>(stack: Stack<T>, drop: (item: T) => boolean): Stack<T> {
  let rest = stack;
  while (rest && drop(rest.top)) rest = rest.below;
  return rest;
}

/** The items from the newest down. */
export function* newestFirst<T>(stack: Stack<T>): Generator<T> {
  for (let node = stack; node; node = node.below) yield node.top;
}

/** The item pushed `index`-th (0 = the oldest), or undefined beyond the stack. */
export function itemAt<T>(stack: Stack<T>, index: number): T | undefined {
  if (index < 0 || index >= sizeOf(stack)) return undefined;
  let node = stack;
  for (let steps = sizeOf(stack) - 1 - index; steps > 0; steps--) node = node!.below;
  return node!.top;
}

/** The items pushed `from`-th and later, oldest first. */
export function itemsFrom<T>(stack: Stack<T>, from: number): T[] {
  const items: T[] = [];
  for (let node = stack; node && node.size > from; node = node.below) items.push(node.top);
  return items.reverse();
}
