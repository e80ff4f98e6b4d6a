import { UsageError } from './command.js'

const minimumLength = 8

/**
 * A new password: typed twice without echo on a terminal, else the first line of stdin (for scripts:
 * `echo "$PASSWORD" | steward user add …`). Refuses an empty or short one.
 */
export async function readNewPassword(): Promise<string> {
  let password: string
  if (process.stdin.isTTY) {
    password = await promptHidden('Password: ')
    const again = await promptHidden('Password (again): ')
    if (again !== password) throw new UsageError('the two passwords differ; nothing was changed')
  } else {
    password = firstLine(await readAll(process.stdin))
  }
  if (password === '') throw new UsageError('the password is empty; nothing was changed')
  if ([...password].length < minimumLength)
    throw new UsageError(`the password is shorter than ${minimumLength} characters; nothing was changed`)
  return password
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0] ?? ''
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = ''
  stream.setEncoding('utf8')
  for await (const chunk of stream) text += chunk as string
  return text
}

/** Reads one line in raw mode, echoing nothing, so the password is neither shown nor kept in scrollback. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin
  process.stderr.write(question)
  return new Promise((resolve, reject) => {
    let text = ''
    const finish = () => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      process.stderr.write('\n')
    }
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          finish()
          return resolve(text)
        }
        if (char === '\u0003' || char === '\u0004') {
          finish()
          return reject(new UsageError('cancelled; nothing was changed'))
        }
        if (char === '\u007f' || char === '\b') text = [...text].slice(0, -1).join('')
        else if (char >= ' ') text += char
      }
    }
    stdin.setRawMode(true)
    stdin.setEncoding('utf8')
    stdin.on('data', onData)
    stdin.resume()
  })
}
