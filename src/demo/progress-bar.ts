/** One line of progress: `label [#########-----------]  45%`. */
export function renderProgressBar(label: string, done: number, total: number, width = 30): string {
  const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1
  const filled = Math.round(fraction * width)
  const percent = String(Math.floor(fraction * 100)).padStart(3)
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}%`
}

export interface ProgressBar {
  update(done: number, total: number): void
  /** Clears the line, so the summary that follows starts on a clean one. */
  clear(): void
}

/**
 * A progress bar redrawn in place on a terminal. Redraws at most every 100 ms, so a fast build spends
 * no time on it, and only when the line would change.
 */
export function createProgressBar(stream: NodeJS.WriteStream, label: string): ProgressBar {
  let lastDraw = 0
  let shown = ''
  return {
    update(done, total) {
      const now = Date.now()
      if (now - lastDraw < 100 && done < total) return
      const line = renderProgressBar(label, done, total)
      if (line === shown) return
      lastDraw = now
      shown = line
      stream.write(`\r${line}`)
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K')
    },
  }
}
