import type { ChildProcess } from 'node:child_process'

/**
 * Waits until a `steward start` / `steward serve` child prints the address it listens on (a real port, not
 * the `0` it was given); what it has printed so far stays readable through `output()`.
 */
export function printedUrl(child: ChildProcess, timeoutMs: number): { url: Promise<string>; output: () => string } {
  let output = ''
  child.stdout!.setEncoding('utf8')
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), timeoutMs)
    child.stdout!.on('data', (chunk: string) => {
      output += chunk
      const found = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)
      if (found && found[1] !== '0') {
        clearTimeout(timer)
        resolve(found[0])
      }
    })
  })
  return { url, output: () => output }
}
