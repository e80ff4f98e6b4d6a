/** The most words one search may hold: each is a condition over every searched column. */
export const maxSearchWords = 10

/**
 * The words of a search, as Django's admin splits them: on spaces, with a "quoted phrase" kept whole
 * (without its quotes). A row matches when every word matches some searched column, in any order.
 * @example searchWords('griddle "bamboo spoon"') // ['griddle', 'bamboo spoon']
 */
export function searchWords(q: string): string[] {
  const words: string[] = []
  for (const match of q.matchAll(/"([^"]*)"|(\S+)/g)) {
    const word = (match[1] ?? match[2] ?? '').trim()
    if (word !== '') words.push(word)
  }
  return words
}
