import { HiddenFields } from '../components/hidden-fields.js'
import type { LoginPageModel } from '../view-model.js'

const input = 'w-full rounded border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-950'

/** The login form: two labelled fields, the error above them, the browser's password manager welcome. */
export function LoginPage(props: { model: LoginPageModel }) {
  const { model } = props
  return (
    <form method="post" action={model.action} class="max-w-sm space-y-4">
      <HiddenFields pairs={model.hidden} />
      {model.error && (
        <p
          role="alert"
          class="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100"
        >
          {model.error}
        </p>
      )}
      <div class="space-y-1">
        <label for="login-name" class="block font-medium">
          Name
        </label>
        <input
          id="login-name"
          name="name"
          type="text"
          value={model.name}
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          required
          autofocus
          class={input}
        />
      </div>
      <div class="space-y-1">
        <label for="login-password" class="block font-medium">
          Password
        </label>
        <input
          id="login-password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          class={input}
        />
      </div>
      <button
        type="submit"
        class="rounded border border-sky-700 bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 dark:border-sky-500 dark:bg-sky-700"
      >
        Log in
      </button>
    </form>
  )
}
